package io.launchcast.platform.problem;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@WebMvcTest(controllers = LaunchcastProblemAdviceTest.EchoController.class,
        properties = {"spring.mvc.problemdetails.enabled=true",
            "spring.jackson.deserialization.fail-on-unknown-properties=true"})
class LaunchcastProblemAdviceTest {

    @Autowired
    MockMvc mvc;

    @Test
    void listsEveryInvalidFieldByName() throws Exception {
        mvc.perform(post("/echo").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"\",\"units\":-3,\"launch\":\"2024-01-01\",\"items\":[{\"name\":\"\",\"units\":1,\"launch\":\"2024-01-01\"}]}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://launchcast.io/problems/validation-error"))
                .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.containsInAnyOrder(
                        "items[0].name", "name", "units")));
    }

    @Test
    void namesTheFieldWithAWrongType() throws Exception {
        mvc.perform(post("/echo").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"a\",\"units\":1,\"launch\":\"not-a-date\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://launchcast.io/problems/malformed-body"))
                .andExpect(jsonPath("$.errors[0].field").value("launch"))
                .andExpect(jsonPath("$.errors[0].message").value("must be a date of the form YYYY-MM-DD"))
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString("java."))));
        mvc.perform(post("/echo").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"a\",\"units\":\"many\",\"launch\":\"2024-02-30\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("units"))
                .andExpect(jsonPath("$.errors[0].message").value("must be a whole number"))
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString("java."))));
    }

    @Test
    void aFieldTheRequestDoesNotHaveIsNamedWithTheFieldsItHas() throws Exception {
        mvc.perform(post("/echo").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"a\",\"units\":1,\"colour\":\"red\",\"launch\":\"2024-01-01\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://launchcast.io/problems/malformed-body"))
                .andExpect(jsonPath("$.detail").value("Field 'colour' is not a field of the request; its fields"
                        + " here: [items, launch, name, units]."))
                .andExpect(jsonPath("$.errors[0].field").value("colour"))
                .andExpect(jsonPath("$.errors[0].message").value("is not a field of the request; its fields here:"
                        + " [items, launch, name, units]"));
    }

    @Test
    void aRuleOverSeveralFieldsIsNamedByTheObjectItChecksNotByItsJavaMethod() throws Exception {
        mvc.perform(post("/ranges").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"range\":{\"from\":\"2024-02-01\",\"to\":\"2024-01-01\"}}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://launchcast.io/problems/validation-error"))
                .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.containsInAnyOrder(
                        "(request)", "range")))
                .andExpect(jsonPath("$.errors[?(@.field == 'range')].message").value("from must not be after to"))
                .andExpect(jsonPath("$.errors[?(@.field == '(request)')].message").value("give a name or a code"))
                .andExpect(jsonPath("$.detail").value("2 field(s) are invalid: (request), range"));
        mvc.perform(post("/ranges").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"a\",\"tags\":[\"x\",null]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("tags[1]"));
    }

    @Test
    void aNamedResourceThatIsNotThereIsANotFoundProblemSayingWhat() throws Exception {
        mvc.perform(get("/things/42"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://launchcast.io/problems/not-found"))
                .andExpect(jsonPath("$.title").value("Not found"))
                .andExpect(jsonPath("$.detail").value("no thing with id '42'"))
                .andExpect(jsonPath("$.instance").value("/things/42"));
    }

    @Test
    void malformedJsonIsAProblemWithItsPosition() throws Exception {
        mvc.perform(post("/echo").contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"a\", units: }"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(containsString("not valid JSON")));
    }

    @Test
    void unexpectedFailureLeaksNothingButAnErrorId() throws Exception {
        mvc.perform(post("/echo").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"boom\",\"units\":1,\"launch\":\"2024-01-01\"}"))
                .andExpect(status().isInternalServerError())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errorId").exists())
                .andExpect(content().string(not(containsString("secret-connection-string"))))
                .andExpect(content().string(not(containsString("IllegalStateException"))));
    }

    @Test
    void unknownPathIsANotFoundProblem() throws Exception {
        mvc.perform(get("/nothing-here"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://launchcast.io/problems/not-found"));
    }

    record Item(@NotBlank String name, @PositiveOrZero int units, LocalDate launch, List<@Valid Item> items) {
    }

    record Range(LocalDate from, LocalDate to) {

        @jakarta.validation.constraints.AssertTrue(message = "from must not be after to")
        public boolean isOrdered() {
            return from == null || to == null || !from.isAfter(to);
        }
    }

    record Ranged(String name, String code, @Valid Range range, List<@jakarta.validation.constraints.NotNull String> tags) {

        @jakarta.validation.constraints.AssertTrue(message = "give a name or a code")
        public boolean isNamed() {
            return name != null || code != null;
        }
    }

    @RestController
    static class EchoController {
        @PostMapping("/ranges")
        Ranged ranges(@Valid @RequestBody Ranged ranged) {
            return ranged;
        }

        @PostMapping("/echo")
        Item echo(@Valid @RequestBody Item item) {
            if (item.name().equals("boom")) {
                throw new IllegalStateException("secret-connection-string=jdbc:postgres://admin:pw@db");
            }
            return item;
        }

        @org.springframework.web.bind.annotation.GetMapping("/things/{id}")
        Item thing(@org.springframework.web.bind.annotation.PathVariable String id) {
            throw ProblemTypes.notFound("no thing with id '" + id + "'");
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @org.springframework.context.annotation.Import(LaunchcastProblemAdvice.class)
    static class TestApp {
        @org.springframework.context.annotation.Bean
        EchoController echoController() {
            return new EchoController();
        }
    }
}

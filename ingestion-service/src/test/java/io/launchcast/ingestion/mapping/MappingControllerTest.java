package io.launchcast.ingestion.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;

/** A mapping is validated when it is added: an invalid one is refused with every problem, the others stay. */
@WebMvcTest(MappingController.class)
@Import(MappingControllerTest.Mappings.class)
class MappingControllerTest {

    static final String VALID = """
            name: shop
            version: 1
            sources:
              - name: sales
                files: [{match: "*.csv"}]
                sales: {product-id: sku, date: day, units: qty}
            """;

    @TestConfiguration
    static class Mappings {
        @Bean
        MappingRepository mappingRepository() {
            return new MappingRepository(List.of(), null);
        }
    }

    @Autowired
    MockMvc mvc;

    @TempDir
    Path dir;

    @Test
    void aValidMappingIsAddedAndAnInvalidOneIsRefusedWithEveryProblemWhileTheOthersKeepWorking() throws Exception {
        mvc.perform(put("/mappings/shop").contentType("application/yaml").content(VALID))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.name").value("shop"))
                .andExpect(jsonPath("$.sources[0]").value("sales"));

        mvc.perform(put("/mappings/broken").contentType("application/yaml").content("""
                name: broken
                version: two
                colour: red
                sources: []
                """))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.problems.length()").value(3))
                .andExpect(jsonPath("$.problems[0]").value("version (line 2): 'two' is not an integer"));

        mvc.perform(get("/mappings")).andExpect(status().isOk())
                .andExpect(jsonPath("$.mappings.length()").value(1))
                .andExpect(jsonPath("$.mappings[0].name").value("shop"));
    }

    @Test
    void anInvalidFileFoundAtStartUpIsSetAsideWithItsProblemsAndTheOthersAreLoaded() throws Exception {
        Files.writeString(dir.resolve("shop.yml"), VALID);
        Files.writeString(dir.resolve("typo.yml"), VALID.replace("name: shop", "name: typo").replace("qty}", "qty, unit: x}"));

        MappingRepository repository = new MappingRepository(List.of("file:" + dir + "/*.yml"), null);

        assertThat(repository.all()).extracting(Mapping::name).containsExactly("shop");
        assertThat(repository.invalid()).singleElement().satisfies(i -> assertThat(i.problems())
                .containsExactly("sources[0].sales.unit (line 6): unknown key"));
    }
}

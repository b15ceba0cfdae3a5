package io.launchcast.forecast.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.launchcast.platform.problem.FieldError;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

/** Every line format refuses what a JSON request body refuses, naming the line and the field. */
class ProductLinesTest {

    private final ProductLines lines = new ProductLines(JsonMapper.builder().build());

    private static List<FieldError> refusal(Runnable read) {
        try {
            read.run();
        } catch (InvalidForecastRequestException e) {
            return e.errors();
        }
        throw new AssertionError("the line was accepted");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''|an empty line",
            "'   '|an empty line",
            "null|null",
            "[1, 2]|a JSON array",
            "42|a JSON number",
            "'\"text\"'|a JSON string"})
    void aLineThatIsNotAnObjectIsAnErrorNamingWhatItIs(String line, String what) {
        List<FieldError> errors = refusal(() -> lines.fromJson(line, "line 3"));

        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("line 3");
            assertThat(e.message()).contains("expected a JSON object").endsWith(what);
        });
    }

    @Test
    void aMissingOrBlankProductIdIsAnErrorNotAnInventedId() {
        for (String id : List.of("", "\"productId\":\"  \",")) {
            String line = "{" + id + "\"attributes\":{\"category\":\"culottes\"},\"launchDate\":\"2026-03-02\"}";
            assertThat(refusal(() -> lines.fromJson(line, "line 1")))
                    .extracting(FieldError::field).containsExactly("line 1.productId");
        }
        assertThat(refusal(() -> lines.fromCsv(" ,2026-03-02,culottes", List.of("category"), "line 2")))
                .extracting(FieldError::field).containsExactly("line 2.productId");
    }

    @Test
    void everyViolatedConstraintIsNamed() {
        List<FieldError> errors = refusal(() -> lines.fromJson("{\"price\":-1}", "line 9"));

        assertThat(errors).extracting(FieldError::field).containsExactly("line 9.attributes", "line 9.launchDate",
                "line 9.price", "line 9.productId");
    }

    @Test
    void aValidLineReadsAsItsProduct() {
        NewProduct product = lines.fromJson("{\"productId\":\"p1\",\"attributes\":{\"category\":\"culottes\"},"
                + "\"launchDate\":\"2026-03-04\",\"price\":12.5}", "line 1");

        assertThat(product.productId()).isEqualTo("p1");
        assertThat(product.launchDate()).isEqualTo(LocalDate.of(2026, 3, 4));
        assertThat(product.price()).isEqualTo(12.5);
    }

    @Test
    void aProductIdLongerThanTheLimitIsRefusedInEveryFormat() {
        String id = "x".repeat(201);
        assertThat(refusal(() -> lines.fromCsv(id + ",2026-03-02,culottes", List.of("category"), "line 1")))
                .extracting(FieldError::field).containsExactly("line 1.productId");
        assertThatThrownBy(() -> lines.fromJson("{\"productId\":\"" + id + "\",\"attributes\":{},"
                + "\"launchDate\":\"2026-03-02\"}", "line 1")).isInstanceOf(InvalidForecastRequestException.class);
    }

    @Test
    void aQuotedCsvFieldMayHoldCommasAndDoubledQuotes() {
        NewProduct product = lines.fromCsv("p1,2026-03-02,\"culottes, wide\",\"say \"\"hi\"\"\",12.5",
                List.of("category", "extra"), "line 1");

        assertThat(product.attributes()).containsEntry("category", "culottes, wide").containsEntry("extra", "say \"hi\"");
        assertThat(product.price()).isEqualTo(12.5);
        assertThat(product.launchDate()).isEqualTo(LocalDate.of(2026, 3, 2));
    }

    @Test
    void aCsvLineMayNameTheRegionItsProductIsForecastIn() {
        // JSON lines could ask for a region, CSV lines could not: a store's forecast needed another format
        NewProduct inStore = lines.fromCsv("p1,2026-03-02,culottes,,store-7", List.of("category"), "line 1");
        NewProduct everywhere = lines.fromCsv("p1,2026-03-02,culottes,12.5", List.of("category"), "line 2");

        assertThat(inStore.regions()).containsExactly("store-7");
        assertThat(inStore.price()).isNull();
        assertThat(everywhere.regions()).isNull();
        assertThat(refusal(() -> lines.fromCsv("p1,2026-03-02,culottes,12.5,store-7,store-8", List.of("category"),
                "line 3"))).containsExactly(new FieldError("line 3",
                        "expected product_id,launch_date,category[,price[,region]]; got 6 columns"));
    }

    @Test
    void aValueOfTheWrongFormIsNamedInTheApisWordsAsInARequestBody() {
        // a batch line's month 13 used to come back in Jackson's words: java.time.LocalDate, EXCEEDS_PAD, the parser
        assertThat(refusal(() -> lines.fromJson("{\"productId\":\"p1\",\"attributes\":{},\"launchDate\":\"2015-13-01\"}",
                "line 11"))).containsExactly(new FieldError("line 11.launchDate", "must be a date of the form YYYY-MM-DD"));
        assertThat(refusal(() -> lines.fromJson("{\"productId\":\"p1\",\"attributes\":{},\"launchDate\":\"2015-12-01\","
                + "\"price\":\"cheap\"}", "line 12"))).containsExactly(new FieldError("line 12.price", "must be a number"));
        assertThat(refusal(() -> lines.fromCsv("p1,2015-13-01,culottes", List.of("category"), "line 2")))
                .containsExactly(new FieldError("line 2.launch_date", "must be a date of the form YYYY-MM-DD, not '2015-13-01'"));
        assertThat(refusal(() -> lines.fromCsv("p1,2015-12-01,culottes,cheap", List.of("category"), "line 3")))
                .containsExactly(new FieldError("line 3.price", "must be a number, not 'cheap'"));
    }
}

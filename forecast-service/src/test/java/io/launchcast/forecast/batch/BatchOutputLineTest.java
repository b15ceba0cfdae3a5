package io.launchcast.forecast.batch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class BatchOutputLineTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String FORECASTS = "[{\"productId\":\"p1\",\"periods\":[]}]";

    @Test
    void appendsTheAnswerToTheInputTextAsItCame() {
        String input = "{\"productId\":\"p1\", \"price\":19.90,\"attributes\":{\"category\":\"culottes\"}}  ";

        String line = BatchForecastRunner.jsonLine(JSON, input, "launch-demand/2", FORECASTS);

        assertThat(line).startsWith("{\"productId\":\"p1\", \"price\":19.90,"); // the input's own text, 19.90 kept
        JsonNode joined = JSON.readTree(line);
        assertThat(joined.path("modelVersion").asString()).isEqualTo("launch-demand/2");
        assertThat(joined.path("forecasts").get(0).path("productId").asString()).isEqualTo("p1");
        assertThat(joined.path("attributes").path("category").asString()).isEqualTo("culottes");
    }

    @Test
    void anInputThatAlreadyHasTheFieldsGetsThemReplacedNotRepeated() {
        String input = "{\"productId\":\"p1\",\"forecasts\":\"stale\",\"modelVersion\":\"launch-demand/1\"}";

        String line = BatchForecastRunner.jsonLine(JSON, input, "launch-demand/2", FORECASTS);

        assertThat(line.split("\"forecasts\"", -1)).hasSize(2); // once
        assertThat(line.split("\"modelVersion\"", -1)).hasSize(2);
        JsonNode joined = JSON.readTree(line);
        assertThat(joined.path("modelVersion").asString()).isEqualTo("launch-demand/2");
        assertThat(joined.path("forecasts").isArray()).isTrue();
    }

    @Test
    void anEmptyObjectGetsNoLeadingComma() {
        String line = BatchForecastRunner.jsonLine(JSON, "{ }", "launch-demand/2", FORECASTS);

        assertThat(JSON.readTree(line).path("forecasts").size()).isEqualTo(1);
    }
}

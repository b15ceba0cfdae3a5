package io.launchcast.forecast.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The forecasts' reference in Model Monitor's statistics format: totals and each period, values in the sketch. */
class ForecastStatisticsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void describesTheTotalsAndEachPeriodOfTheForecasts() {
        List<double[]> means = List.of(new double[] {10, 5, 1}, new double[] {20, 8, 2}, new double[] {30, 11, 3});

        JsonNode statistics = JSON.valueToTree(ForecastStatistics.of(means));

        assertThat(statistics.path("dataset").path("item_count").asInt()).isEqualTo(3);
        List<String> names = new ArrayList<>();
        statistics.path("features").forEach(f -> names.add(f.path("name").asString()));
        assertThat(names).containsExactly("forecast_total", "forecast_period_1", "forecast_period_2", "forecast_period_3");
        JsonNode total = feature(statistics, "forecast_total");
        assertThat(total.path("inferred_type").asString()).isEqualTo("Fractional");
        JsonNode numeric = total.path("numerical_statistics");
        assertThat(numeric.path("common").path("num_present").asInt()).isEqualTo(3);
        assertThat(numeric.path("mean").asDouble()).isEqualTo(30.0);
        assertThat(numeric.path("sum").asDouble()).isEqualTo(90.0);
        assertThat(numeric.path("std_dev").asDouble()).isEqualTo(14.0);
        assertThat(numeric.path("min").asDouble()).isEqualTo(16.0);
        assertThat(numeric.path("max").asDouble()).isEqualTo(44.0);
        assertThat(values(total)).containsExactly(16.0, 30.0, 44.0);
        assertThat(values(feature(statistics, "forecast_period_2"))).containsExactly(5.0, 8.0, 11.0);
        double bucketed = 0;
        for (JsonNode bucket : numeric.path("distribution").path("kll").path("buckets")) {
            bucketed += bucket.path("count").asDouble();
        }
        assertThat(bucketed).isEqualTo(3.0);
    }

    @Test
    void keepsAFixedSampleOfKValuesWhenThereAreMore() {
        Random random = new Random(1);
        List<double[]> means = new ArrayList<>();
        for (int i = 0; i < ForecastStatistics.SKETCH_K * 3; i++) {
            means.add(new double[] {random.nextDouble() * 100});
        }

        JsonNode first = JSON.valueToTree(ForecastStatistics.of(means));
        JsonNode again = JSON.valueToTree(ForecastStatistics.of(means));

        assertThat(values(feature(first, "forecast_period_1"))).hasSize(ForecastStatistics.SKETCH_K);
        assertThat(feature(first, "forecast_period_1").path("numerical_statistics").path("common").path("num_present")
                .asInt()).isEqualTo(ForecastStatistics.SKETCH_K * 3);
        assertThat(first).isEqualTo(again);
    }

    private static JsonNode feature(JsonNode statistics, String name) {
        for (JsonNode f : statistics.path("features")) {
            if (f.path("name").asString().equals(name)) {
                return f;
            }
        }
        throw new AssertionError("no feature " + name);
    }

    private static List<Double> values(JsonNode feature) {
        List<Double> values = new ArrayList<>();
        for (JsonNode row : feature.path("numerical_statistics").path("distribution").path("kll").path("sketch").path("data")) {
            row.forEach(v -> values.add(v.asDouble()));
        }
        return values;
    }
}

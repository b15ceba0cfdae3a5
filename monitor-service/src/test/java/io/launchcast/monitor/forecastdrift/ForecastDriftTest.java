package io.launchcast.monitor.forecastdrift;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchcast.monitor.ForecastCaptures;
import io.launchcast.monitor.MonitorProperties;
import io.launchcast.monitor.baseline.BaselineReader;
import io.launchcast.monitor.bench.MemoryObjectStore;
import io.launchcast.monitor.capture.CapturedForecasts;
import io.launchcast.monitor.drift.FeatureDrift;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Forecast totals and each horizon period against the version's reference forecasts. */
class ForecastDriftTest {

    private static final Instant HOUR = Instant.parse("2027-03-02T10:00:00Z");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final MemoryObjectStore store = new MemoryObjectStore();
    private final MonitorProperties properties = new MonitorProperties(List.of(),
            new MonitorProperties.Drift(1000, 0.001, 0.2, 0.2, 0.01, false),
            new MonitorProperties.Capture("products", "attributes", "productId", List.of("productId", "launchDate")),
            "monitoring/reports", new MonitorProperties.ForecastDriftCheck(true, 100));
    private final MonitorProperties.Model model = new MonitorProperties.Model("g", "ep", "-", Duration.ofHours(1));
    private final ForecastDrift drift = new ForecastDrift(new CapturedForecasts(store, JSON, properties),
            new BaselineReader(store, JSON), store, JSON, properties, Clock.systemUTC());
    private final Random random = new Random(3);

    @Test
    void theFirstWindowBecomesTheReferenceAndLaterOnesAreComparedWithIt() {
        capture(HOUR, 1.0, 1.0, "g/4");
        capture(HOUR.plusSeconds(3600), 1.0, 1.0, "g/4");
        capture(HOUR.plusSeconds(7200), 1.0, 1.6, "g/4"); // the later periods forecast 60 % more

        ForecastDrift.Outcome first = drift.check(model, 4, HOUR, HOUR.plusSeconds(3600));
        assertThat(first.drift()).isEmpty();
        assertThat(first.reference()).contains("no forecast-statistics.json for v4", "became the reference");
        assertThat(store.head("monitoring/baselines/g/v4/forecast-reference-from-capture.json")).isPresent();
        assertThat(drift.check(model, 4, HOUR.plusSeconds(3600), HOUR.plusSeconds(7200)).reference())
                .contains("no forecast-statistics.json for v4", "compared with the first served window's 300 forecasts");
        assertThat(check(HOUR.plusSeconds(3600))).extracting(FeatureDrift::feature).containsExactly(
                "forecast_period_1", "forecast_period_2", "forecast_period_3", "forecast_total");
        assertThat(check(HOUR.plusSeconds(3600))).noneMatch(FeatureDrift::drifted);
        assertThat(check(HOUR.plusSeconds(7200))).filteredOn(FeatureDrift::drifted).extracting(FeatureDrift::feature)
                .containsExactly("forecast_period_2", "forecast_period_3", "forecast_total");
    }

    @Test
    void onlyTheRunsModelVersionCountsAndAFewForecastsMakeNoReference() {
        capture(HOUR, 1.0, 1.0, "g/5");

        assertThat(check(HOUR)).isEmpty();
        assertThat(store.head("monitoring/baselines/g/v4/forecast-reference-from-capture.json")).isEmpty();
    }

    @Test
    void aWindowOfOneForecastIsComparedWithNothingRatherThanFailingTheRun() {
        writePipelineReference(400);
        ForecastCaptures.capture(store, "ep", List.of(new ForecastCaptures.Forecast("one", HOUR, "P1", null, "g/4",
                LocalDate.of(2027, 3, 1), Map.of("category", "dress"), 30, new double[] {7, 6, 5}, 0.5)));

        assertThat(check(HOUR)).isEmpty();
    }

    @Test
    void aFewForecastsAgainstALargeReferenceGetNoDistanceVerdictButAReasonWhy() {
        writePipelineReference(3000); // above testReferenceMax: compared by a distance
        List<ForecastCaptures.Forecast> few = new ArrayList<>();
        for (int i = 0; i < 3; i++) { // in distribution, yet three values are far from 3,000 in Wasserstein terms
            double level = Math.exp(random.nextGaussian() * 0.5 + 2);
            few.add(new ForecastCaptures.Forecast("few-" + i, HOUR.plusSeconds(i), "P" + i, null, "g/4",
                    LocalDate.of(2027, 3, 1), Map.of("category", "dress"), 30,
                    new double[] {level, 0.8 * level, 0.6 * level}, 0.5));
        }
        ForecastCaptures.capture(store, "ep", few);

        ForecastDrift.Outcome outcome = drift.check(model, 4, HOUR, HOUR.plusSeconds(3600));

        assertThat(outcome.drift()).isEmpty();
        assertThat(outcome.undecided()).hasSize(4).allSatisfy(why -> assertThat(why)
                .contains("no drift verdict, 3 values are too few for wasserstein at 0.200"));
    }

    @Test
    void thePipelinesForecastStatisticsAreTheReferenceFromTheFirstWindowOn() {
        writePipelineReference(400);
        capture(HOUR, 1.0, 1.0, "g/4");
        capture(HOUR.plusSeconds(3600), 1.0, 1.6, "g/4");

        ForecastDrift.Outcome first = drift.check(model, 4, HOUR, HOUR.plusSeconds(3600));

        assertThat(first.reference()).contains("forecast-statistics.json of v4", "training pipeline", "400 test launches");
        assertThat(first.drift()).extracting(FeatureDrift::feature).containsExactly(
                "forecast_period_1", "forecast_period_2", "forecast_period_3", "forecast_total");
        assertThat(first.drift()).noneMatch(FeatureDrift::drifted);
        assertThat(store.head("monitoring/baselines/g/v4/forecast-reference-from-capture.json")).isEmpty();
        assertThat(check(HOUR.plusSeconds(3600))).filteredOn(FeatureDrift::drifted).extracting(FeatureDrift::feature)
                .containsExactly("forecast_period_2", "forecast_period_3", "forecast_total");
    }

    /**
     * What forecast-service's baseline step writes: the version's forecasts of its test launches, drawn from the
     * distribution {@link #capture} serves, in Model Monitor's statistics format (the sketch holds the values).
     */
    private void writePipelineReference(int launches) {
        Map<String, List<Double>> series = new TreeMap<>();
        for (int i = 0; i < launches; i++) {
            double level = Math.exp(random.nextGaussian() * 0.5 + 2);
            double[] periods = {level, 0.8 * level, 0.6 * level};
            for (int h = 0; h < periods.length; h++) {
                series.computeIfAbsent("forecast_period_" + (h + 1), k -> new ArrayList<>()).add(periods[h]);
            }
            series.computeIfAbsent("forecast_total", k -> new ArrayList<>()).add(2.4 * level);
        }
        List<Map<String, Object>> features = new ArrayList<>();
        series.forEach((name, values) -> features.add(Map.of("name", name, "inferred_type", "Fractional",
                "numerical_statistics", Map.of("common", Map.of("num_present", values.size(), "num_missing", 0),
                        "mean", values.stream().mapToDouble(Double::doubleValue).average().orElseThrow(),
                        "distribution", Map.of("kll", Map.of("sketch", Map.of("parameters", Map.of("c", 0.64, "k", 2048.0),
                                "data", List.of(values))))))));
        store.put("monitoring/baselines/g/v4/forecast-statistics.json", JSON.writeValueAsBytes(Map.of("version", 0.0,
                "dataset", Map.of("item_count", launches), "features", features)), "application/json");
    }

    private List<FeatureDrift> check(Instant hour) {
        return drift.check(model, 4, hour, hour.plusSeconds(3600)).drift();
    }

    /** 300 forecasts of three periods; {@code first} and {@code later} scale the first and the later periods. */
    private void capture(Instant hour, double first, double later, String version) {
        List<ForecastCaptures.Forecast> forecasts = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            double level = Math.exp(random.nextGaussian() * 0.5 + 2);
            forecasts.add(new ForecastCaptures.Forecast("i-" + hour.toEpochMilli() + "-" + i, hour.plusSeconds(i),
                    "P" + i, null, version, LocalDate.of(2027, 3, 1), Map.of("category", "dress"), 30,
                    new double[] {level * first, 0.8 * level * later, 0.6 * level * later}, 0.5));
        }
        ForecastCaptures.capture(store, "ep", forecasts);
    }
}

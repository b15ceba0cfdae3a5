package io.launchcast.monitor.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.launchcast.localcloud.LocalCloudExtension;
import io.launchcast.monitor.ForecastCaptures;
import io.launchcast.monitor.ForecastCaptures.Forecast;
import io.launchcast.monitor.ForecastCaptures.Sale;
import io.launchcast.monitor.MonitorProperties;
import io.launchcast.monitor.alarms.AlarmProperties;
import io.launchcast.monitor.alarms.LocalAlarms;
import io.launchcast.monitor.capture.CapturedForecasts;
import io.launchcast.platform.events.DatasetPublished;
import io.launchcast.platform.objectstore.ObjectStore;
import io.launchcast.platform.testing.TestTokens;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Forecast quality on the local stand-ins: a published dataset's sales joined with the captured forecasts
 * (unmatched rows quarantined, a redelivery changing nothing), actuals sent over HTTP (idempotent, unknown ones
 * refused as problems), the breakdowns, and the evaluations read back by a fresh instance as after a restart.
 */
// the event test adds an evaluation to the group the first test counts: it runs last
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(LocalCloudExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {"launchcast.monitor.models[0].group=quality-it",
        "launchcast.monitor.models[0].endpoint=quality-it-endpoint", "launchcast.monitor.models[0].cron=-",
        "launchcast.monitor.quality.alarms.min-actuals=10"})
class ForecastQualityIT {

    private static final LocalDate LAUNCH = LocalDate.of(2027, 3, 1);
    private static final Instant AT = Instant.parse("2027-02-20T09:00:00Z");

    @LocalServerPort
    int port;

    @Autowired
    ObjectStore store;

    @Autowired
    JsonMapper json;

    @Autowired
    DatasetActualsHandler handler;

    @Autowired
    ForecastQuality quality;

    @Test
    void joinsPublishedSalesAndCallersActualsWithTheCapturedForecastsAndKeepsThemAcrossARestart() {
        store.put("monitoring/baselines/quality-it/v3/constraints.json", ("{\"version\": 0.0, \"features\": [],"
                + " \"forecast_quality\": {\"wape_max\": 55.0, \"bias_max\": 45.0, \"coverage_min\": 70, \"coverage_max\": 90,"
                + " \"cohort_attribute\": \"category\"}}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/json");
        ForecastCaptures.capture(store, "quality-it-endpoint", List.of(
                // an earlier forecast of A1 that the later one replaces
                new Forecast("inf-a1-old", AT.minusSeconds(3600), "A1", null, "quality-it/3", LAUNCH, Map.of("category", "dress"),
                        30, new double[] {99, 99, 99, 99}, 0.5),
                new Forecast("inf-a1", AT, "A1", null, "quality-it/3", LAUNCH, Map.of("category", "dress"), 30,
                        new double[] {10, 10, 10, 10}, 0.5),
                new Forecast("inf-a2", AT, "A2", "north", "quality-it/3", LAUNCH, Map.of("category", "skirt"), 40,
                        new double[] {20, 20, 20, 20}, 0.5),
                new Forecast("inf-a3", AT, "A3", null, "quality-it/3", LAUNCH, Map.of("category", "skirt"), 40,
                        new double[] {5, 5, 5, 5}, 0.5)));
        ForecastCaptures.publish(store, "quality-sales", "20270320T000000Z", List.of(
                new Sale("A1", "north", LAUNCH, 6), new Sale("A1", "south", LAUNCH, 6),
                new Sale("A1", "north", LAUNCH.plusWeeks(1), 4), new Sale("A1", "south", LAUNCH.plusWeeks(1), 4),
                new Sale("A2", "north", LAUNCH, 20), new Sale("A2", "north", LAUNCH.plusWeeks(1), 30),
                new Sale("A2", "south", LAUNCH, 5), // A2 was forecast for the north only
                new Sale("A2", "north", LAUNCH.plusWeeks(8), 3), // beyond the forecast's four periods
                new Sale("H1", "north", LocalDate.of(2026, 1, 5), 9), new Sale("H1", "north", LocalDate.of(2026, 1, 12), 7),
                new Sale("H1", "north", LocalDate.of(2026, 1, 19), 5)), Map.of("A1", "dress", "A2", "skirt", "H1", "dress"));

        handler.handle(new DatasetPublished("e1", AT, "quality-sales", "20270320T000000Z",
                "curated/quality-sales/v=20270320T000000Z/_manifest.json", "h"));

        JsonNode report = get("/forecast-quality?group=quality-it");
        JsonNode overall = report.path("overall");
        // A1's and A2's third and fourth weeks sold nothing while the sales run on to week 9: actuals of 0 (ADR
        // 0169); A3, not sold at all, waits
        assertThat(overall.path("count").asLong()).isEqualTo(8);
        assertThat(overall.path("wape").asDouble()).isCloseTo(74.0 / 70, within(1e-9));
        assertThat(overall.path("bias").asDouble()).isCloseTo(50.0 / 70, within(1e-9));
        assertThat(overall.path("wql").path("p10").asDouble()).isCloseTo(2 * 31.0 / 70, within(1e-9));
        assertThat(overall.path("coverage").asDouble()).isEqualTo(0.5);
        assertThat(report.path("byModelVersion").path("quality-it/3").path("count").asLong()).isEqualTo(8);
        // the cohorts are the version's own, from its baseline: nothing about them is configured
        assertThat(report.path("cohortAttribute").asString()).isEqualTo("category");
        assertThat(report.path("byCohort").path("dress").path("wape").asDouble()).isCloseTo(24.0 / 20, within(1e-9));
        assertThat(report.path("byCohort").path("skirt").path("wape").asDouble()).isCloseTo(50.0 / 50, within(1e-9));
        // per region asked for: A2's north against the north's sales, A1's total against all of its regions'
        assertThat(report.path("byRegion").path("north").path("wape").asDouble()).isCloseTo(50.0 / 50, within(1e-9));
        assertThat(report.path("byRegion").path("(all regions)").path("actualUnits").asDouble()).isEqualTo(20);
        assertThat(report.path("byPeriodSinceLaunch").path("2").path("actualUnits").asDouble()).isEqualTo(38);
        assertThat(report.path("byPeriodSinceLaunch").path("3").path("actualUnits").asDouble()).isZero();
        assertThat(report.path("overTime")).hasSize(4);
        assertThat(report.path("overTime").get(0).path("start").asString()).isEqualTo("2027-03-01");
        assertThat(report.path("overTimeByCohort").path("skirt")).hasSize(4);

        JsonNode join = json.readTree(store.read("monitoring/quality/quality-it/datasets/quality-sales/v=20270320T000000Z.json"));
        assertThat(join.path("salesRows").asLong()).isEqualTo(11);
        assertThat(join.path("joinedRows").asLong()).isEqualTo(6);
        assertThat(join.path("quarantinedRows").asLong()).isEqualTo(2);
        assertThat(join.path("notForecastRows").asLong()).isEqualTo(3);
        // one line per quarantined row, in product, region, period order
        List<JsonNode> quarantine = new String(store.read(
                "monitoring/quality/quality-it/quarantine/quality-sales/v=20270320T000000Z.jsonl"),
                java.nio.charset.StandardCharsets.UTF_8).lines().map(json::readTree).toList();
        assertThat(quarantine).extracting(r -> r.path("region").asString() + " " + r.path("periodStart").asString())
                .containsExactly("north 2027-04-26", "south 2027-03-01");
        assertThat(quarantine.get(0).path("reason").asString()).contains("2027-04-26 is outside");
        assertThat(quarantine.get(1).path("reason").asString()).contains("for region south");
        assertThat(quarantine.get(1).path("version").asString()).isEqualTo("20270320T000000Z");

        int batches = store.list("monitoring/quality/quality-it/batches/").size();
        handler.handle(new DatasetPublished("e1", AT, "quality-sales", "20270320T000000Z",
                "curated/quality-sales/v=20270320T000000Z/_manifest.json", "h"));
        assertThat(store.list("monitoring/quality/quality-it/batches/")).hasSize(batches);

        // actuals from a caller: by inference id and by product, region and period
        Map<String, Object> actuals = Map.of("group", "quality-it", "actuals", List.of(
                Map.of("inferenceId", "inf-a3", "period", 1, "units", 7),
                Map.of("productId", "A2", "region", "north", "periodStart", LAUNCH.plusWeeks(2).toString(), "units", 25)));
        JsonNode first = post("/actuals", actuals);
        assertThat(first.path("evaluated").asInt()).isEqualTo(2);
        assertThat(first.path("changed").asInt()).isEqualTo(2); // A3's first week, and A2's third: 25, not 0
        JsonNode again = post("/actuals", actuals);
        assertThat(again.path("changed").asInt()).isZero();
        assertThat(again.path("batchKey").isNull()).isTrue();
        assertThat(get("/forecast-quality?group=quality-it").path("overall").path("count").asLong()).isEqualTo(9);

        ResponseEntity<String> unknown = client().post().uri("/actuals").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("group", "quality-it", "actuals", List.of(
                        Map.of("productId", "A1", "period", 3, "units", 1),
                        Map.of("productId", "NEVER-FORECAST", "period", 1, "units", 4),
                        Map.of("inferenceId", "no-such-inference", "period", 1, "units", 4))))
                .retrieve().toEntity(String.class);
        assertThat(unknown.getStatusCode().value()).isEqualTo(404);
        JsonNode problem = json.readTree(unknown.getBody());
        assertThat(problem.path("type").asString()).isEqualTo("https://launchcast.io/problems/unmatched-actuals");
        assertThat(problem.path("unmatched")).hasSize(2);
        assertThat(problem.path("unmatched").get(0).path("row").asInt()).isEqualTo(1);
        assertThat(get("/forecast-quality?group=quality-it").path("overall").path("count").asLong()).isEqualTo(9);

        // too few actuals for a judgement yet: the quality alarms have no datapoint
        assertThat(get("/alarms").toString()).contains("\"name\":\"quality-quality-it-wape\"", "INSUFFICIENT_DATA");
        // the thresholds are the version's own, from its baseline's constraints.json (percent there)
        assertThat(definitions.definition("quality-quality-it-wape")).get().extracting(d -> d.threshold()).isEqualTo(0.55);
        // a version registered with a larger bias than the configured limit (0.3) is judged against its own
        assertThat(definitions.definition("quality-quality-it-bias")).get().extracting(d -> d.threshold()).isEqualTo(0.45);
        assertThat(definitions.definition("quality-quality-it-coverage-below")).get().extracting(d -> d.threshold())
                .isEqualTo(0.7);

        // the figures as gauges per model version and cohort
        assertThat(client().get().uri("/actuator/prometheus").retrieve().body(String.class)).contains(
                "launchcast_monitor_quality_wape{cohort=\"skirt\",group=\"quality-it\",model_version=\"quality-it/3\"}",
                "launchcast_monitor_quality_coverage{cohort=\"all\",group=\"quality-it\",model_version=\"quality-it/3\"}",
                "launchcast_monitor_quality_wql{cohort=\"dress\",group=\"quality-it\",model_version=\"quality-it/3\",quantile=\"p10\"}");

        // a restarted service finds the same evaluations on its disk, and one on a new disk rebuilds them from the
        // object store's batches
        String before = json.writeValueAsString(quality.report("quality-it", null, null));
        for (Path disk : List.of(dataDir, freshDisk)) {
            ForecastQuality restarted = new ForecastQuality(properties, qualityProperties, baselines, captures, store,
                    json, alarms, alarmProperties, meters, Clock.systemUTC(), disk);
            assertThat(json.writeValueAsString(restarted.report("quality-it", null, null))).as("%s", disk)
                    .isEqualTo(before);
            assertThat(restarted.report("quality-it", "quality-it/3", "skirt").overall().count()).isEqualTo(5);
        }
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void aPublishedDatasetReachesTheJoinThroughTheEventInbox() throws InterruptedException {
        ForecastCaptures.capture(store, "quality-it-endpoint", List.of(new Forecast("inf-e1", AT, "E1", null, "quality-it/3",
                LAUNCH, Map.of("category", "dress"), 30, new double[] {10, 10}, 0.5)));
        ForecastCaptures.publish(store, "quality-events", "20270321T000000Z", List.of(new Sale("E1", "all", LAUNCH, 11)),
                Map.of("E1", "dress"));

        events.publish(new DatasetPublished(java.util.UUID.randomUUID().toString(), AT, "quality-events",
                "20270321T000000Z", "curated/quality-events/v=20270321T000000Z/_manifest.json", "h"));

        String marker = "monitoring/quality/quality-it/datasets/quality-events/v=20270321T000000Z.json";
        for (int i = 0; i < 300 && store.head(marker).isEmpty(); i++) {
            Thread.sleep(100);
        }
        assertThat(json.readTree(store.read(marker)).path("evaluated").asInt()).isEqualTo(1);
    }

    @Autowired
    io.launchcast.platform.events.EventPublisher events;

    @Test
    void badActualsAreValidationProblems() {
        ResponseEntity<String> response = client().post().uri("/actuals").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("actuals", List.of(Map.of("productId", "A1", "units", -3)))).retrieve()
                .toEntity(String.class);

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getBody()).contains("units", "period");
    }

    @Test
    void anUnmonitoredGroupIsAProblem() {
        ResponseEntity<String> response = client().get().uri("/forecast-quality?group=nobody").retrieve()
                .toEntity(String.class);

        assertThat(response.getStatusCode().value()).isEqualTo(404);
        assertThat(response.getBody()).contains("https://launchcast.io/problems/unknown-model");
    }

    @Autowired
    MonitorProperties properties;
    @Autowired
    QualityProperties qualityProperties;
    @Autowired
    CapturedForecasts captures;
    @Autowired
    LocalAlarms alarms;
    @Autowired
    AlarmProperties alarmProperties;
    @Autowired
    QualityMeters meters;
    @Autowired
    io.launchcast.monitor.baseline.BaselineReader baselines;
    @Autowired
    io.launchcast.monitor.alarms.local.LocalAlarmDefinitions definitions;
    @Value("${launchcast.data-dir}")
    Path dataDir;
    @org.junit.jupiter.api.io.TempDir
    Path freshDisk;

    private JsonNode get(String path) {
        return json.readTree(client().get().uri(path).retrieve().body(String.class));
    }

    private JsonNode post(String path, Object body) {
        ResponseEntity<String> response = client().post().uri(path).contentType(MediaType.APPLICATION_JSON).body(body)
                .retrieve().toEntity(String.class);
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
        return json.readTree(response.getBody());
    }

    private RestClient client() {
        return TestTokens.client(port, "operations");
    }
}

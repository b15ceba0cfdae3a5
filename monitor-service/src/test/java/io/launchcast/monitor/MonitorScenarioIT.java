package io.launchcast.monitor;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.launchcast.localcloud.LocalCloudExtension;
import io.launchcast.monitor.LaunchStreams.Shift;
import io.launchcast.platform.objectstore.ObjectStore;
import io.launchcast.platform.testing.TestTokens;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The monitor end to end on the local stand-ins, over HTTP as an operator sees it: forecasts from the training
 * distribution raise nothing; a stream with prices 40 % up, a fabric never seen and another category mix raises
 * drift alarms on exactly those three features; actuals far from the forecasts raise the quality alarms, whose
 * policy starts one retraining run on a stand-in forecast-service; each alarm's history shows every transition.
 */
@ExtendWith(LocalCloudExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {"launchcast.monitor.models[0].group=scenario",
        "launchcast.monitor.models[0].endpoint=scenario-endpoint", "launchcast.monitor.models[0].cron=-",
        "launchcast.monitor.quality.alarms.min-actuals=40",
        "launchcast.monitor.alarms.policies[0].alarm-prefix=drift-",
        "launchcast.monitor.alarms.policies[0].action=NOTIFY",
        "launchcast.monitor.alarms.policies[1].alarm-prefix=quality-",
        "launchcast.monitor.alarms.policies[1].action=RETRAIN",
        "launchcast.monitor.alarms.policies[1].cool-down=24h",
        "launchcast.monitor.retraining.token=scenario-data-token"})
class MonitorScenarioIT {

    private static final Instant HOUR = Instant.parse("2027-02-20T10:00:00Z");
    private static final List<String> FEATURES = List.of("category", "color", "fabric", "price");

    static WireMockServer forecastService;

    @BeforeAll
    static void startForecastServiceStandIn() {
        forecastService = new WireMockServer(options().dynamicPort());
        forecastService.start();
        forecastService.stubFor(post("/pipeline-runs").willReturn(aResponse().withStatus(202)
                .withHeader("Location", "/pipeline-runs/retrain-1").withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"retrain-1\"}")));
    }

    @AfterAll
    static void stopForecastServiceStandIn() {
        forecastService.stop();
    }

    @DynamicPropertySource
    static void forecastUrl(DynamicPropertyRegistry registry) {
        registry.add("launchcast.monitor.retraining.forecast-url", () -> forecastService.baseUrl());
    }

    @LocalServerPort
    int port;

    @Autowired
    ObjectStore store;

    @Autowired
    JsonMapper json;

    @Test
    void inDistributionIsQuietShiftsAlarmExactlyTheShiftedFeaturesAndBadActualsStartOneRetraining() throws Exception {
        Random random = new Random(2027);
        LaunchStreams.baseline(random, 1000).forEach((name, content) ->
                store.put("monitoring/baselines/scenario/v3/" + name, content, "application/json"));

        // 1. forecasts from the training distribution, and actuals close to them
        Instant quiet = HOUR;
        capture(random, quiet, EnumSet.of(Shift.NONE));
        assertThat(run(quiet).path("violations")).isEmpty();
        assertThat(inputFeatures(states("drift-scenario-"))).containsOnly(Map.entry("drift-scenario-category", "OK"),
                Map.entry("drift-scenario-color", "OK"), Map.entry("drift-scenario-fabric", "OK"),
                Map.entry("drift-scenario-price", "OK"));
        // honest forecasts: 8 in 10 actuals inside the p10-p90 interval, errors both ways
        int[] close = {3, 7, 8, 9, 10, 10, 11, 12, 13, 16};
        sendActuals(quiet, 0, 20, i -> close[i % 10]); // 20 periods: fewer than the 40 a judgement needs
        assertThat(states("quality-scenario-")).containsOnlyKeys("quality-scenario-wape", "quality-scenario-bias",
                "quality-scenario-coverage").allSatisfy((name, state) -> assertThat(state).isEqualTo("INSUFFICIENT_DATA"));
        sendActuals(quiet, 20, 40, i -> close[i % 10]);
        assertThat(states("quality-scenario-")).allSatisfy((name, state) -> assertThat(state).isEqualTo("OK"));
        assertThat(states("")).doesNotContainValue("ALARM");

        // 2. a shifted stream: prices 40 % up, a fabric never seen, the category mix reversed
        Instant shifted = HOUR.plusSeconds(3600);
        capture(random, shifted, EnumSet.of(Shift.PRICE_UP_40_PERCENT, Shift.UNSEEN_FABRIC, Shift.CATEGORY_MIX));
        JsonNode shiftedRun = run(shifted);
        List<String> driftedFeatures = new ArrayList<>();
        shiftedRun.path("drift").forEach(d -> {
            if (d.path("drifted").asBoolean()) {
                driftedFeatures.add(d.path("feature").asString());
            }
        });
        assertThat(driftedFeatures).containsExactlyInAnyOrder("price", "fabric", "category");
        // the forecasts themselves did not move (the first window is their reference): their alarms stay OK
        assertThat(states("drift-scenario-forecast_")).containsOnlyKeys("drift-scenario-forecast_total",
                "drift-scenario-forecast_period_1", "drift-scenario-forecast_period_2",
                "drift-scenario-forecast_period_3", "drift-scenario-forecast_period_4")
                .allSatisfy((name, state) -> assertThat(state).isEqualTo("OK"));
        assertThat(inputFeatures(states("drift-scenario-"))).containsOnly(Map.entry("drift-scenario-category", "ALARM"),
                Map.entry("drift-scenario-color", "OK"), Map.entry("drift-scenario-fabric", "ALARM"),
                Map.entry("drift-scenario-price", "ALARM"));
        forecastService.verify(exactly(0), postRequestedFor(urlEqualTo("/pipeline-runs")));

        // a quiet hour after it: nothing captured, no verdict on anything, so every verdict holds (the drift alarms
        // neither fall to INSUFFICIENT_DATA nor come back to ALARM, notifying again, at the next busy hour)
        JsonNode quietRun = run(HOUR.plusSeconds(2 * 3600));
        assertThat(quietRun.path("drift")).isEmpty();
        assertThat(inputFeatures(states("drift-scenario-"))).containsOnly(Map.entry("drift-scenario-category", "ALARM"),
                Map.entry("drift-scenario-color", "OK"), Map.entry("drift-scenario-fabric", "ALARM"),
                Map.entry("drift-scenario-price", "ALARM"));
        assertThat(states("drift-scenario-forecast_")).allSatisfy((name, state) -> assertThat(state).isEqualTo("OK"));

        // 3. the shifted launches sell a fifth of what was forecast
        sendActuals(shifted, 0, 200, i -> 2);
        Map<String, String> quality = states("quality-scenario-");
        assertThat(quality).containsOnly(Map.entry("quality-scenario-wape", "ALARM"),
                Map.entry("quality-scenario-bias", "ALARM"), Map.entry("quality-scenario-coverage", "ALARM"));
        forecastService.verify(exactly(1), postRequestedFor(urlEqualTo("/pipeline-runs"))
                .withHeader("Authorization", equalTo("Bearer scenario-data-token")));

        // 4. every transition is in the history, with what the policy did
        for (String feature : FEATURES) {
            List<String> expected = feature.equals("color") ? List.of("INSUFFICIENT_DATA->OK")
                    : List.of("INSUFFICIENT_DATA->OK", "OK->ALARM");
            assertThat(transitions("drift-scenario-" + feature)).as(feature).isEqualTo(expected);
        }
        assertThat(history("drift-scenario-price").get(1).path("reason").asString()).contains("price", "notified");
        List<String> policyOutcomes = new ArrayList<>();
        for (String metric : List.of("wape", "bias", "coverage")) {
            assertThat(transitions("quality-scenario-" + metric)).as(metric)
                    .isEqualTo(List.of("INSUFFICIENT_DATA->OK", "OK->ALARM"));
            policyOutcomes.add(history("quality-scenario-" + metric).get(1).path("reason").asString());
        }
        assertThat(policyOutcomes).filteredOn(r -> r.contains("retraining run /pipeline-runs/retrain-1 started")).hasSize(1);
        assertThat(policyOutcomes).filteredOn(r -> r.contains("retraining already started")).hasSize(2);
    }

    private void capture(Random random, Instant hour, Set<Shift> shifts) {
        store.put("capture/scenario-endpoint/AllTraffic/" + java.time.format.DateTimeFormatter.ofPattern("yyyy/MM/dd/HH")
                        .withZone(java.time.ZoneOffset.UTC).format(hour) + "/" + UUID.randomUUID() + ".jsonl",
                LaunchStreams.captureLines(random, 500, shifts, hour.plusSeconds(60), "scenario/3").getBytes(StandardCharsets.UTF_8),
                "application/jsonlines");
    }

    /** Actuals of the first period of the inferences {@code from} to {@code to} captured at {@code hour}. */
    private void sendActuals(Instant hour, int from, int to, java.util.function.IntUnaryOperator units) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = from; i < to; i++) {
            rows.add(Map.of("inferenceId", "i-" + hour.plusSeconds(60).toEpochMilli() + "-" + i, "period", 1,
                    "units", units.applyAsInt(i)));
        }
        ResponseEntity<String> response = client().post().uri("/actuals").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("group", "scenario", "actuals", rows)).retrieve().toEntity(String.class);
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
    }

    private JsonNode run(Instant hour) throws InterruptedException {
        ResponseEntity<String> accepted = client().post().uri("/monitoring-runs").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("group", "scenario", "from", hour.toString(), "to", hour.plusSeconds(3600).toString()))
                .retrieve().toEntity(String.class);
        String id = json.readTree(accepted.getBody()).path("id").asString();
        for (int attempt = 0; attempt < 600; attempt++) {
            JsonNode run = json.readTree(client().get().uri("/monitoring-runs/" + id).retrieve().body(String.class));
            if (run.path("state").asString().equals("COMPLETED")) {
                return run;
            }
            assertThat(run.path("state").asString()).isNotEqualTo("FAILED");
            Thread.sleep(100);
        }
        throw new AssertionError("run " + id + " did not finish");
    }

    private Map<String, String> states(String prefix) {
        Map<String, String> states = new TreeMap<>();
        json.readTree(client().get().uri("/alarms").retrieve().body(String.class)).forEach(a -> {
            if (a.path("name").asString().startsWith(prefix)) {
                states.put(a.path("name").asString(), a.path("state").asString());
            }
        });
        return states;
    }

    private static Map<String, String> inputFeatures(Map<String, String> states) {
        Map<String, String> inputs = new TreeMap<>(states);
        inputs.keySet().removeIf(name -> name.contains("-forecast_"));
        return inputs;
    }

    private List<JsonNode> history(String alarm) {
        List<JsonNode> transitions = new ArrayList<>();
        json.readTree(client().get().uri("/alarms/" + alarm + "/history").retrieve().body(String.class))
                .forEach(transitions::add);
        return transitions;
    }

    private List<String> transitions(String alarm) {
        return history(alarm).stream().map(t -> t.path("from").asString() + "->" + t.path("to").asString()).toList();
    }

    private RestClient client() {
        return TestTokens.client(port, "operations");
    }
}

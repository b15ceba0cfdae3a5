package io.launchcast.monitor.runs;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchcast.localcloud.LocalCloudExtension;
import io.launchcast.monitor.LaunchStreams;
import io.launchcast.monitor.LaunchStreams.Shift;
import io.launchcast.platform.objectstore.ObjectStore;
import io.launchcast.platform.testing.TestTokens;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** On-demand runs over captured data on the local stand-ins: state, counts, violation files and reports. */
@ExtendWith(LocalCloudExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {"launchcast.monitor.models[0].group=runs-it",
        "launchcast.monitor.models[0].endpoint=runs-it-endpoint", "launchcast.monitor.models[0].cron=-"})
class MonitoringRunsIT {

    private static final Instant HOUR = Instant.parse("2027-03-02T10:00:00Z");

    @LocalServerPort
    int port;

    @Autowired
    ObjectStore store;

    @Autowired
    JsonMapper json;

    @Test
    void shiftedPricesAreReportedAsDriftWithModelMonitorFiles() throws InterruptedException {
        Random random = new Random(11);
        LaunchStreams.baseline(random, 800).forEach((name, content) ->
                store.put("monitoring/baselines/runs-it/v3/" + name, content, "application/json"));
        store.put("capture/runs-it-endpoint/AllTraffic/2027/03/02/10/" + UUID.randomUUID() + ".jsonl",
                LaunchStreams.captureLines(random, 400, Shift.PRICE_UP_40_PERCENT, HOUR.plusSeconds(60), "runs-it/3")
                        .getBytes(StandardCharsets.UTF_8), "application/jsonlines");

        ResponseEntity<String> accepted = client().post().uri("/monitoring-runs").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("group", "runs-it", "from", HOUR.toString(), "to", HOUR.plusSeconds(3600).toString()))
                .retrieve().toEntity(String.class);
        assertThat(accepted.getStatusCode().value()).isEqualTo(202);
        String id = json.readTree(accepted.getBody()).path("id").asString();

        JsonNode run = awaitFinished(id);
        assertThat(run.path("state").asString()).isEqualTo("COMPLETED");
        assertThat(run.path("modelVersion").asInt()).isEqualTo(3);
        assertThat(run.path("recordsRead").asLong()).isEqualTo(400);
        assertThat(run.path("percentDone").asInt()).isEqualTo(100);

        JsonNode violations = json.readTree(store.read("monitoring/reports/runs-it/" + id + "/constraint_violations.json"));
        assertThat(violations.path("violations")).hasSize(1);
        assertThat(violations.path("violations").get(0).path("feature_name").asString()).isEqualTo("price");
        assertThat(violations.path("violations").get(0).path("constraint_check_type").asString())
                .isEqualTo("baseline_drift_check");
        JsonNode history = json.readTree(client().get().uri("/alarms/drift-runs-it-price/history").retrieve()
                .body(String.class));
        assertThat(history).hasSize(1);
        assertThat(history.get(0).path("from").asString()).isEqualTo("INSUFFICIENT_DATA");
        assertThat(history.get(0).path("to").asString()).isEqualTo("ALARM");
        assertThat(client().get().uri("/alarms").retrieve().body(String.class))
                .contains("\"name\":\"drift-runs-it-fabric\",\"metric\":\"fabric\",\"modelVersion\":\"3\",\"state\":\"OK\"");
        assertThat(new String(store.read("monitoring/reports/runs-it/" + id + "/report.html"), StandardCharsets.UTF_8))
                .contains("baseline_drift_check", "price");
    }

    @Test
    void anUnknownRunOrAlarmIsANotFoundProblemNamingIt() {
        for (String[] asked : new String[][] {{"/monitoring-runs/nope", "no monitoring run with id 'nope'"},
                {"/alarms/nope/history", "no alarm named 'nope'; GET /alarms lists them"}}) {
            ResponseEntity<String> response = client().get().uri(asked[0]).retrieve().toEntity(String.class);

            assertThat(response.getStatusCode().value()).as(asked[0]).isEqualTo(404);
            assertThat(response.getHeaders().getContentType()).as(asked[0])
                    .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            JsonNode problem = json.readTree(response.getBody());
            assertThat(problem.path("type").asString()).isEqualTo("https://launchcast.io/problems/not-found");
            assertThat(problem.path("detail").asString()).isEqualTo(asked[1]);
            assertThat(problem.path("instance").asString()).isEqualTo(asked[0]);
        }
    }

    @Test
    void anUnmonitoredModelIsAProblem() {
        ResponseEntity<String> response = client().post().uri("/monitoring-runs").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("group", "nobody")).retrieve().toEntity(String.class);

        assertThat(response.getStatusCode().value()).isEqualTo(404);
        assertThat(response.getBody()).contains("https://launchcast.io/problems/unknown-model");
    }

    @Test
    void aModelWithoutBaselineFailsItsRunSayingWhy() throws InterruptedException {
        ResponseEntity<String> accepted = client().post().uri("/monitoring-runs").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("group", "runs-it", "modelVersion", 99)).retrieve().toEntity(String.class);

        JsonNode run = awaitFinished(json.readTree(accepted.getBody()).path("id").asString());

        assertThat(run.path("state").asString()).isEqualTo("FAILED");
        assertThat(run.path("failure").asString()).isNotBlank();
    }

    private JsonNode awaitFinished(String id) throws InterruptedException {
        for (int attempt = 0; attempt < 600; attempt++) {
            JsonNode run = json.readTree(client().get().uri("/monitoring-runs/" + id).retrieve().body(String.class));
            String state = run.path("state").asString();
            if (state.equals("COMPLETED") || state.equals("FAILED")) {
                return run;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("run " + id + " did not finish");
    }

    private RestClient client() {
        return TestTokens.client(port, "operations");
    }
}

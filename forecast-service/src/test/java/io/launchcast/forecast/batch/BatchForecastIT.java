package io.launchcast.forecast.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.launchcast.forecast.serving.ChampionModel;
import io.launchcast.forecast.serving.FixedCurveServingModelAccess;
import io.launchcast.localcloud.LocalCloudExtension;
import io.launchcast.platform.objectstore.ObjectStore;
import io.launchcast.platform.objectstore.ObjectSummary;
import io.launchcast.platform.testing.TestTokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/** Batch forecasts over the object store: one output line per input line, also across a crash and restart. */
@ExtendWith(LocalCloudExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"launchcast.batch.lines-per-part=10", "launchcast.registry.default-group=batch-it"})
class BatchForecastIT {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;
    @Autowired
    ObjectStore store;
    @Autowired
    ChampionModel champion;
    @Autowired
    BatchForecastRunner runner;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    @BeforeEach
    void serveFixedModel() {
        champion.swap(FixedCurveServingModelAccess.model("batch-it/1"));
    }

    private String input(int lines, int badLine) {
        String key = "batch-input/" + UUID.randomUUID() + "/products.jsonl";
        StringBuilder body = new StringBuilder();
        for (int i = 1; i <= lines; i++) {
            body.append(i == badLine ? "{\"productId\":\"p" + i + "\",\"attributes\":{\"category\":\"culottes\"}}"
                    : "{\"productId\":\"p" + i + "\",\"attributes\":{\"category\":\"culottes\"},\"launchDate\":\"2026-03-02\"}")
                    .append('\n');
        }
        store.put(key, body.toString().getBytes(StandardCharsets.UTF_8), "application/jsonlines");
        return key;
    }

    private List<String> outputLines(String prefix) {
        List<String> lines = new ArrayList<>();
        for (ObjectSummary part : store.list(prefix)) {
            if (part.key().contains("/part-")) {
                lines.addAll(List.of(new String(store.read(part.key()), StandardCharsets.UTF_8).strip().split("\n")));
            }
        }
        return lines;
    }

    @Test
    void everyInputLineGetsExactlyOneOutputLineJoinedToItsInput() {
        String key = input(25, 7);
        String prefix = "batch-output/" + UUID.randomUUID() + "/";

        ResponseEntity<String> started = TestTokens.builder(port, "admin").build().post().uri("/batch-forecasts")
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"inputUri\":\"s3://launchcast/" + key + "\",\"outputPrefix\":\"s3://launchcast/" + prefix + "\"}")
                .retrieve().toEntity(String.class);
        String location = started.getHeaders().getLocation().toString();
        await().atMost(Duration.ofSeconds(30)).until(() -> TestTokens.builder(port, "admin").build().get()
                .uri(location).retrieve().body(String.class).contains("\"state\":\"SUCCEEDED\""));

        List<String> lines = outputLines(prefix);
        assertThat(lines).hasSize(25);
        for (int i = 0; i < 25; i++) {
            assertThat(JSON.readTree(lines.get(i)).path("productId").asString()).isEqualTo("p" + (i + 1));
        }
        assertThat(lines.get(6)).contains("\"errors\"").contains("launchDate");
        assertThat(JSON.readTree(lines.get(0)).path("forecasts").get(0).path("periods").size()).isEqualTo(12);
        String job = TestTokens.builder(port, "admin").build().get().uri(location).retrieve().body(String.class);
        assertThat(job).contains("\"rowsDone\":25").contains("\"failedLines\":1").contains("\"percentDone\":100")
                .contains("\"partsWritten\":3");
        assertThat(store.head(prefix + BatchForecastRunner.SUCCESS)).isPresent();
    }

    @Test
    void blankNullAndIdlessLinesAreErrorLinesCountedAsFailedAndTheRestIsForecast() {
        String key = "batch-input/" + UUID.randomUUID() + "/products.jsonl";
        String good = "{\"productId\":\"p%d\",\"attributes\":{\"category\":\"culottes\"},\"launchDate\":\"2026-03-04\"}";
        String body = String.join("\n", good.formatted(1), "", "null", "[1]",
                "{\"attributes\":{\"category\":\"culottes\"},\"launchDate\":\"2026-03-04\"}", good.formatted(6)) + "\n";
        store.put(key, body.getBytes(StandardCharsets.UTF_8), "application/jsonlines");
        String prefix = "batch-output/" + UUID.randomUUID() + "/";

        BatchForecastJob job = runner.submit(new BatchForecastRequest("s3://launchcast/" + key, "s3://launchcast/" + prefix));
        await().atMost(Duration.ofSeconds(30)).until(() -> !List.of("QUEUED", "RUNNING")
                .contains(runner.find(job.id()).orElseThrow().state()));

        BatchForecastJob done = runner.find(job.id()).orElseThrow();
        assertThat(done.state()).isEqualTo("SUCCEEDED");
        assertThat(done.rowsDone()).isEqualTo(6);
        assertThat(done.failedLines()).isEqualTo(4);
        List<String> lines = outputLines(prefix);
        assertThat(lines).hasSize(6);
        assertThat(lines.get(0)).contains("\"forecasts\"");
        assertThat(lines.get(1)).contains("line 2").contains("an empty line");
        assertThat(lines.get(2)).contains("line 3").contains("got null");
        assertThat(lines.get(3)).contains("line 4").contains("a JSON array");
        assertThat(lines.get(4)).contains("line 5.productId").doesNotContain("\"forecasts\"");
        assertThat(JSON.readTree(lines.get(5)).path("productId").asString()).isEqualTo("p6");
    }

    @Test
    void aJobPublishesItsLinesByOutcomeAndItsDurationSoTheCountsReconcile() {
        Map<String, Double> before = batchLines();
        long jobsBefore = finishedJobs("succeeded");
        String key = input(25, 7);
        String prefix = "batch-output/" + UUID.randomUUID() + "/";

        BatchForecastJob job = runner.submit(new BatchForecastRequest("s3://launchcast/" + key, "s3://launchcast/" + prefix));
        await().atMost(Duration.ofSeconds(30)).until(() -> !List.of("QUEUED", "RUNNING")
                .contains(runner.find(job.id()).orElseThrow().state()));

        Map<String, Double> after = batchLines();
        Map<String, Double> counted = new java.util.TreeMap<>();
        after.forEach((meter, value) -> counted.put(meter, value - before.get(meter)));
        assertThat(counted).isEqualTo(Map.of("read", 25.0, "forecast", 24.0, "failed", 1.0, "skipped", 0.0));
        assertThat(finishedJobs("succeeded")).isEqualTo(jobsBefore + 1);
    }

    private Map<String, Double> batchLines() {
        Map<String, Double> lines = new java.util.TreeMap<>();
        for (String outcome : List.of("read", "forecast", "failed", "skipped")) {
            var counter = meters.find("launchcast.batch.lines." + outcome).counter();
            lines.put(outcome, counter == null ? 0.0 : counter.count());
        }
        return lines;
    }

    private long finishedJobs(String outcome) {
        var timer = meters.find("launchcast.batch.jobs").tags("outcome", outcome, "backend", "in-process").timer();
        return timer == null ? 0 : timer.count();
    }

    private double captured() {
        return meters.counter("launchcast.capture.records", "outcome", "queued").count();
    }

    @Test
    void aJobSendsItsOwnShareOfInferencesToDataCapture() {
        String key = input(12, 3); // the bad line has no inference to capture
        double before = captured();
        BatchForecastJob none = runner.submit(new BatchForecastRequest("s3://launchcast/" + key,
                "s3://launchcast/batch-output/" + UUID.randomUUID() + "/", false, 0));
        await().atMost(Duration.ofSeconds(30)).until(() -> runner.find(none.id()).orElseThrow().state().equals("SUCCEEDED"));
        assertThat(captured()).isEqualTo(before);
        assertThat(runner.find(none.id()).orElseThrow().captureSamplingPercentage()).isZero();

        BatchForecastJob all = runner.submit(new BatchForecastRequest("s3://launchcast/" + key,
                "s3://launchcast/batch-output/" + UUID.randomUUID() + "/", false, 100));
        await().atMost(Duration.ofSeconds(30)).until(() -> runner.find(all.id()).orElseThrow().state().equals("SUCCEEDED"));
        assertThat(captured()).isEqualTo(before + 11);
    }

    @Test
    void aSamplingPercentageOutsideZeroToHundredIsAProblemNamingTheField() {
        var response = TestTokens.builder(port, "admin").build().post().uri("/batch-forecasts")
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"inputUri\":\"s3://launchcast/x.jsonl\",\"outputPrefix\":\"s3://launchcast/out/\","
                        + "\"captureSamplingPercentage\":101}")
                .exchange((request, reply) -> new String[] {String.valueOf(reply.getStatusCode().value()),
                        new String(reply.getBody().readAllBytes(), StandardCharsets.UTF_8)});
        assertThat(response[0]).isEqualTo("400");
        assertThat(response[1]).contains("captureSamplingPercentage");
    }

    @Test
    void aJobAskedNotToExplainWritesForecastsWithoutExplanations() {
        String key = input(5, -1);
        String prefix = "batch-output/" + UUID.randomUUID() + "/";

        BatchForecastJob job = runner.submit(new BatchForecastRequest("s3://launchcast/" + key,
                "s3://launchcast/" + prefix, false));
        await().atMost(Duration.ofSeconds(30)).until(() -> runner.find(job.id()).orElseThrow().state().equals("SUCCEEDED"));

        List<String> lines = outputLines(prefix);
        assertThat(lines).hasSize(5);
        for (String line : lines) {
            var forecast = JSON.readTree(line).path("forecasts").get(0);
            assertThat(forecast.path("periods").size()).isEqualTo(12);
            assertThat(forecast.path("explanation").path("analogs")).isEmpty();
            assertThat(forecast.path("explanation").path("drivers")).isEmpty();
        }
        assertThat(runner.find(job.id()).orElseThrow().explain()).isFalse();
    }

    @Test
    void aJobInterruptedMidwayResumesWithoutDuplicatesOrGaps() {
        String prefix = "batch-output/" + UUID.randomUUID() + "/";
        // as if the process died after writing parts 0 and 2 but before part 1 and the completion record
        BatchForecastJob first = doneWithoutPartOne(prefix);
        byte[] part0 = store.read(prefix + "part-000000.jsonl");
        store.put(BatchForecastRunner.JOBS + first.id() + ".json", JSON.writeValueAsBytes(new BatchForecastJob(
                first.id(), first.inputUri(), first.outputPrefix(), "RUNNING", first.modelVersion(),
                first.inputBytes(), 0, 40, 20, 0, 2, 0, 0, null, first.createdAt(), first.startedAt(), null, null,
                first.explain(), first.captureSamplingPercentage())),
                "application/json");

        runner.resumeUnfinished();

        await().atMost(Duration.ofSeconds(30)).until(() -> "SUCCEEDED".equals(runner.find(first.id()).orElseThrow().state()));
        BatchForecastJob resumed = runner.find(first.id()).orElseThrow();
        assertThat(resumed.partsSkipped()).isEqualTo(2);
        assertThat(resumed.partsWritten()).isEqualTo(1);
        assertThat(store.read(prefix + "part-000000.jsonl")).isEqualTo(part0);
        List<String> lines = outputLines(prefix);
        assertThat(lines).hasSize(25);
        assertThat(lines.stream().map(l -> JSON.readTree(l).path("productId").asString()).distinct()).hasSize(25);
    }

    @Test
    void aFailedJobRetriedKeepsItsPartsAndEndsWithOneLinePerInputLine() {
        String prefix = "batch-output/" + UUID.randomUUID() + "/";
        // as if a put had failed for good (a full disk): part 1 missing, the job recorded FAILED
        BatchForecastJob first = doneWithoutPartOne(prefix);
        byte[] part0 = store.read(prefix + "part-000000.jsonl");
        store.put(BatchForecastRunner.JOBS + first.id() + ".json", JSON.writeValueAsBytes(first.with("FAILED",
                first.bytesDone(), 20, 0, 2, 0, 0, first.startedAt(), first.finishedAt(), "No space left on device",
                first.modelVersion())), "application/json");
        RestClient client = TestTokens.builder(port, "admin")
                .defaultStatusHandler(s -> true, (q, r) -> { }).build();

        ResponseEntity<String> retried = client.post().uri("/batch-forecasts/" + first.id() + "/retry").retrieve()
                .toEntity(String.class);

        assertThat(retried.getStatusCode().value()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> "SUCCEEDED".equals(runner.find(first.id()).orElseThrow().state()));
        BatchForecastJob again = runner.find(first.id()).orElseThrow();
        assertThat(again.partsSkipped()).isEqualTo(2);
        assertThat(again.partsWritten()).isEqualTo(1);
        assertThat(again.error()).isNull();
        assertThat(store.read(prefix + "part-000000.jsonl")).isEqualTo(part0);
        List<String> lines = outputLines(prefix);
        assertThat(lines).hasSize(25);
        assertThat(lines.stream().map(l -> JSON.readTree(l).path("productId").asString()).distinct()).hasSize(25);

        // a job that did not fail, and one that does not exist, are refused with problem details
        ResponseEntity<String> succeeded = client.post().uri("/batch-forecasts/" + first.id() + "/retry").retrieve()
                .toEntity(String.class);
        assertThat(succeeded.getStatusCode().value()).isEqualTo(409);
        assertThat(succeeded.getBody()).contains("only a FAILED job can be retried");
        ResponseEntity<String> unknown = client.post().uri("/batch-forecasts/no-such-job/retry").retrieve()
                .toEntity(String.class);
        assertThat(unknown.getStatusCode().value()).isEqualTo(404);
    }

    /** A 25-line job run to completion, then its part 1 and completion record removed. */
    private BatchForecastJob doneWithoutPartOne(String prefix) {
        BatchForecastJob job = runner.submit(new BatchForecastRequest("s3://launchcast/" + input(25, -1),
                "s3://launchcast/" + prefix));
        await().atMost(Duration.ofSeconds(30)).until(() -> "SUCCEEDED".equals(runner.find(job.id()).orElseThrow().state()));
        store.delete(prefix + "part-000001.jsonl");
        store.delete(prefix + BatchForecastRunner.SUCCESS);
        return runner.find(job.id()).orElseThrow();
    }

    @Test
    void badRequestsNameTheField() {
        ResponseEntity<String> missing = TestTokens.builder(port, "admin")
                .defaultStatusHandler(s -> true, (q, r) -> { }).build().post().uri("/batch-forecasts")
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"inputUri\":\"s3://launchcast/nothing/here.jsonl\",\"outputPrefix\":\"s3://launchcast/out/\"}")
                .retrieve().toEntity(String.class);

        assertThat(missing.getStatusCode().value()).isEqualTo(400);
        assertThat(missing.getBody()).contains("\"field\":\"inputUri\"").contains("nothing is stored");

        ResponseEntity<String> escaping = TestTokens.client(port).post().uri("/batch-forecasts")
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"inputUri\":\"s3://launchcast/" + input(2, -1) + "\",\"outputPrefix\":\"s3://launchcast/../../tmp/\"}")
                .retrieve().toEntity(String.class);
        assertThat(escaping.getStatusCode().value()).isEqualTo(400);
        assertThat(escaping.getBody()).contains("\"field\":\"outputPrefix\"").contains("'..' segment");

        ResponseEntity<String> huge = TestTokens.client(port).post().uri("/batch-forecasts")
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"inputUri\":\"s3://launchcast/" + "x".repeat(100_000) + "\",\"outputPrefix\":\"s3://launchcast/o/\"}")
                .retrieve().toEntity(String.class);
        assertThat(huge.getStatusCode().value()).isEqualTo(400);
        assertThat(huge.getBody()).contains("\"field\":\"inputUri\"").hasSizeLessThan(2_000);
    }
}

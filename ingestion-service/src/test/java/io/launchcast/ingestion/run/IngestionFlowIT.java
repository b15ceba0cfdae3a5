package io.launchcast.ingestion.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchcast.localcloud.LocalCloudExtension;
import io.launchcast.platform.objectstore.ObjectStore;
import io.launchcast.platform.testing.TestTokens;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The service over the local stand-ins: landing drops, REST runs, manifests, events and problem details. */
@ExtendWith(LocalCloudExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "launchcast.ingestion.work-dir=target/it-work")
class IngestionFlowIT {

    static final Path SAMPLE = Path.of("../samples/visuelle");
    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    ObjectStore store;

    @Autowired
    SqsAsyncClient sqs;

    RestClient http() {
        return TestTokens.builder(port, "admin")
                .defaultStatusHandler(status -> true, (request, response) -> { }).build();
    }

    @Test
    void ingestsFilesDroppedUnderLandingAndAnnouncesTheVersion() throws Exception {
        for (String file : List.of("train.csv", "test.csv", "gtrends.csv")) {
            store.put("landing/visuelle/drop-1/" + file, SAMPLE.resolve(file), "text/csv");
        }

        JsonNode dataset = await(() -> {
            ResponseEntity<String> answer = http().get().uri("/datasets/visuelle").retrieve().toEntity(String.class);
            return answer.getStatusCode().is2xxSuccessful() ? JSON.readTree(answer.getBody()) : null;
        });
        String version = dataset.get("latest").asString();
        JsonNode manifest = JSON.readTree(http().get().uri("/datasets/visuelle/versions/{v}", version).retrieve()
                .body(String.class));
        assertThat(manifest.at("/tables/products/rows").asLong()).isEqualTo(5_577);
        assertThat(manifest.at("/tables/sales/rows").asLong()).isEqualTo(66_924);
        assertThat(manifest.at("/rows/read").asLong()).isEqualTo(5_797);
        assertThat(manifest.get("schemaVersion").asString()).isEqualTo("1");
        assertThat(store.head("curated/visuelle/v=" + version + "/_manifest.json")).isPresent();

        String queue = sqs.getQueueUrl(b -> b.queueName("launchcast-feature-events")).join().queueUrl();
        String event = await(() -> sqs.receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(1))
                .join().messages().stream().map(m -> m.body()).filter(b -> b.contains(version)).findFirst().orElse(null));
        assertThat(event).contains("visuelle").contains("_manifest.json");
        assertThat(JSON.readTree(http().get().uri("/datasets").retrieve().body(String.class)).toString()).contains("visuelle");
    }

    @Test
    void runsARequestedIngestionAndReportsItsProgressAndCounts() throws Exception {
        store.put("uploads/shop/products.csv", "sku,launched,market,price,colour,weight\nA,2024-01-01,eu,1,red,1\nB,x,eu,1,red,1\n"
                .getBytes(), "text/csv");
        store.put("uploads/shop/sales.csv", "tx;sku;market;day;qty\n1;A;eu;01.01.2024;3\n".getBytes(), "text/csv");
        // the shop mapping is not deployed: ask for visuelle with an incomplete drop first
        ResponseEntity<String> incomplete = http().post().uri("/ingestions").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("mapping", "visuelle", "uris", List.of("s3://launchcast/uploads/shop/"))).retrieve()
                .toEntity(String.class);
        assertThat(incomplete.getStatusCode().value()).isEqualTo(422);
        assertThat(incomplete.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(JSON.readTree(incomplete.getBody()).get("missingSources").toString()).contains("products", "trends");

        for (String file : List.of("train.csv", "test.csv", "gtrends.csv")) {
            store.put("uploads/visuelle/" + file, SAMPLE.resolve(file), "text/csv");
        }
        ResponseEntity<String> started = http().post().uri("/ingestions").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("mapping", "visuelle", "uris", List.of("s3://launchcast/uploads/visuelle/"))).retrieve()
                .toEntity(String.class);

        assertThat(started.getStatusCode().value()).isEqualTo(202);
        String id = JSON.readTree(started.getBody()).get("id").asString();
        assertThat(started.getHeaders().getLocation()).hasToString("/ingestions/" + id);
        JsonNode run = await(() -> {
            JsonNode r = JSON.readTree(http().get().uri(started.getHeaders().getLocation().toString()).retrieve().body(String.class));
            return r.get("state").asString().matches("SUCCEEDED|FAILED") ? r : null;
        });
        assertThat(run.get("state").asString()).isEqualTo("SUCCEEDED");
        assertThat(run.get("percentDone").asDouble()).isEqualTo(100.0);
        assertThat(run.at("/rows/read").asLong()).isEqualTo(5_797);
        assertThat(run.at("/rows/accepted").asLong()).isEqualTo(5_797);
        assertThat(run.get("rowsPerSecond").asDouble()).isPositive();
        assertThat(run.get("datasetVersion").asString()).isNotBlank();
        assertThat(store.read(RunRepository.PREFIX + id + ".json")).isNotEmpty();
        ResponseEntity<String> retry = http().post().uri("/ingestions/{id}/retry", id).retrieve().toEntity(String.class);
        assertProblem(retry, 409, "run-not-retryable");
        assertThat(JSON.readTree(retry.getBody()).get("state").asString()).isEqualTo("SUCCEEDED");
    }

    @Test
    void answersBadRequestsWithProblemDetails() {
        assertProblem(http().post().uri("/ingestions").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("mapping", "no-such-mapping")).retrieve().toEntity(String.class), 422, "unknown-mapping");
        assertProblem(http().post().uri("/ingestions").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("mapping", "")).retrieve().toEntity(String.class), 400, "validation-error");
        assertProblem(http().post().uri("/ingestions").contentType(MediaType.APPLICATION_JSON)
                .body("{\"mapping\": ").retrieve().toEntity(String.class), 400, "malformed-body");
        assertProblem(http().post().uri("/ingestions").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("mapping", "visuelle", "uris", List.of("s3://other-bucket/x.csv"))).retrieve()
                .toEntity(String.class), 422, "invalid-input");
        assertProblem(http().post().uri("/ingestions").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("mapping", "visuelle", "uris", List.of("s3://launchcast/nothing/here.csv"))).retrieve()
                .toEntity(String.class), 422, "invalid-input");
        assertProblem(http().get().uri("/ingestions/no-such-run").retrieve().toEntity(String.class), 404, "not-found");
        assertProblem(http().post().uri("/ingestions/no-such-run/retry").retrieve().toEntity(String.class), 404,
                "not-found");
        assertProblem(http().get().uri("/datasets/visuelle/versions/no-such-version").retrieve().toEntity(String.class),
                404, "not-found");
        assertProblem(http().get().uri("/datasets/nothing").retrieve().toEntity(String.class), 404, "not-found");
        for (String escaping : List.of("s3://launchcast/../../etc/passwd", "s3://launchcast/%2e%2e/%2e%2e/etc/passwd")) {
            ResponseEntity<String> refused = http().post().uri("/ingestions").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("mapping", "visuelle", "uris", List.of(escaping))).retrieve().toEntity(String.class);
            assertProblem(refused, 422, "invalid-input");
            assertThat(refused.getBody()).contains("'..' segment");
        }
        ResponseEntity<String> huge = http().post().uri("/ingestions").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("mapping", "visuelle", "uris", List.of("s3://launchcast/" + "x".repeat(100_000))))
                .retrieve().toEntity(String.class);
        assertProblem(huge, 400, "validation-error");
        assertThat(huge.getBody()).hasSizeLessThan(2_000);
    }

    private static void assertProblem(ResponseEntity<String> response, int status, String type) {
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode body = JSON.readTree(response.getBody());
        assertThat(body.get("type").asString()).isEqualTo("https://launchcast.io/problems/" + type);
        assertThat(body.get("title").asString()).isNotBlank();
        assertThat(body.get("status").asInt()).isEqualTo(status);
    }

    static <T> T await(Supplier<T> probe) throws InterruptedException {
        return await(probe, Duration.ofSeconds(60));
    }

    /** The probe's first non-null answer within {@code limit} (a liveness bound, not a speed target). */
    static <T> T await(Supplier<T> probe, Duration limit) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not reached within " + limit.toSeconds() + " s");
    }
}

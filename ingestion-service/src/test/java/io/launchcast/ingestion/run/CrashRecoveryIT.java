package io.launchcast.ingestion.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchcast.ingestion.IngestionApplication;
import io.launchcast.localcloud.LocalCloudExtension;
import io.launchcast.platform.objectstore.ObjectStore;
import io.launchcast.platform.objectstore.ObjectSummary;
import io.launchcast.platform.testing.TestTokens;
import java.io.BufferedWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * kill -9 in the middle of a large ingestion: the service runs in a child JVM, is killed while it reads, and a
 * restarted service reports the run failed with no dataset version of it visible, then resumes it once from
 * its input as a new run, which publishes exactly one complete version.
 */
@ExtendWith(LocalCloudExtension.class)
class CrashRecoveryIT {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String MAPPING = """
            name: crash
            version: 1
            period: week
            sources:
              - name: catalogue
                files: [{match: products.csv}]
                products: {product-id: sku, launch-date: launched}
              - name: sales
                files: [{match: sales.csv}]
                sales: {product-id: sku, date: day, units: qty}
            """;

    @TempDir
    Path temp;

    @Test
    void aRunKilledMidwayPublishesNothingAndIsResumedOnceFromItsInput() throws Exception {
        Path mapping = temp.resolve("crash/mapping.yml");
        Files.createDirectories(mapping.getParent());
        Files.writeString(mapping, MAPPING);
        Map<String, String> cloud = LocalCloudExtension.localCloud().springProperties();
        List<String> properties = new ArrayList<>();
        cloud.forEach((k, v) -> properties.add("--" + k + "=" + v));
        properties.add("--launchcast.ingestion.mappings=file:" + mapping);
        properties.add("--launchcast.ingestion.work-dir=" + temp.resolve("work"));
        properties.add("--launchcast.ingestion.progress-interval=200ms");
        properties.add("--launchcast.ingestion.duckdb.threads=1");

        try (ConfigurableApplicationContext setup = start(properties, 0)) {
            upload(setup.getBean(ObjectStore.class));
        }

        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), IngestionApplication.class.getName(),
                "--server.port=" + port, "--launchcast.security.tokens.admin=" + TestTokens.token("admin")));
        command.addAll(properties);
        Process child = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(temp.resolve("child.log").toFile()).start();
        String runId;
        try {
            RestClient http = TestTokens.builder(port, "admin").build();
            // a second JVM starting Spring on a busy 2-core machine can take over a minute: bound liveness only
            IngestionFlowIT.await(() -> {
                try {
                    return http.get().uri("/actuator/health/readiness").retrieve().body(String.class);
                } catch (RuntimeException e) {
                    return null;
                }
            }, Duration.ofMinutes(4));
            JsonNode queued = JSON.readTree(http.post().uri("/ingestions").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("mapping", "crash", "uris", List.of("s3://launchcast/uploads/crash/"))).retrieve()
                    .body(String.class));
            runId = queued.get("id").asString();
            JsonNode running = IngestionFlowIT.await(() -> {
                JsonNode run = JSON.readTree(http.get().uri("/ingestions/{id}", runId).retrieve().body(String.class));
                return run.get("state").asString().equals("RUNNING") && run.at("/rows/read").asLong() > 0 ? run : null;
            });
            assertThat(running.get("percentDone").asDouble()).isLessThan(100);
        } finally {
            child.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no graceful stop
        }

        try (ConfigurableApplicationContext restarted = start(properties, 0)) {
            ObjectStore store = restarted.getBean(ObjectStore.class);
            var datasets = restarted.getBean(io.launchcast.ingestion.curated.DatasetRepository.class);
            IngestionService service = restarted.getBean(IngestionService.class);
            IngestionRun after = service.get(runId);
            assertThat(after.state()).isEqualTo(RunState.FAILED);
            assertThat(after.error()).contains("interrupted", "nothing of it was published", "Resumed automatically as run");
            String resumedId = after.error().replaceAll("(?s).*Resumed automatically as run ([0-9a-f-]+)\\..*", "$1");
            IngestionRun resumed = IngestionFlowIT.await(() -> {
                // never a partial version: the only version ever listed is the resumed run's, once it publishes
                List<String> versions = datasets.versions("crash");
                IngestionRun r = service.get(resumedId);
                if (!versions.isEmpty()) {
                    assertThat(r.state()).isIn(RunState.PUBLISHING, RunState.SUCCEEDED);
                    assertThat(versions).containsExactly(r.datasetVersion());
                }
                return r.state().isFinal() ? r : null;
            }, Duration.ofMinutes(4));
            assertThat(resumed.trigger()).isEqualTo("resume:" + runId);
            assertThat(resumed.state()).as(resumed.error()).isEqualTo(RunState.SUCCEEDED);
            assertThat(resumed.rows().read()).isEqualTo(3_001_000);
            assertThat(resumed.rows().read()).isEqualTo(resumed.rows().accepted() + resumed.rows().rejected()
                    + resumed.rows().duplicates());
            assertThat(datasets.versions("crash")).containsExactly(resumed.datasetVersion());
            assertThat(store.list("curated/crash/")).extracting(ObjectSummary::key)
                    .allMatch(key -> key.startsWith("curated/crash/v=" + resumed.datasetVersion() + "/"));
        }
    }

    private static ConfigurableApplicationContext start(List<String> properties, int port) {
        List<String> args = new ArrayList<>(properties);
        args.add("--server.port=" + port);
        return new SpringApplicationBuilder(IngestionApplication.class).run(args.toArray(String[]::new));
    }

    private void upload(ObjectStore store) throws Exception {
        Path products = temp.resolve("products.csv");
        Path sales = temp.resolve("sales.csv");
        try (BufferedWriter out = Files.newBufferedWriter(products)) {
            out.write("sku,launched\n");
            for (int p = 0; p < 1000; p++) {
                out.write("P" + p + ",2023-01-02\n");
            }
        }
        SplittableRandom random = new SplittableRandom(7);
        try (BufferedWriter out = Files.newBufferedWriter(sales)) {
            out.write("sku,day,qty\n");
            for (int i = 0; i < 3_000_000; i++) {
                out.write("P" + random.nextInt(1000) + ",2023-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(10)
                        + "," + random.nextInt(9) + "\n");
            }
        }
        store.put("uploads/crash/products.csv", products, "text/csv");
        store.put("uploads/crash/sales.csv", sales, "text/csv");
    }
}

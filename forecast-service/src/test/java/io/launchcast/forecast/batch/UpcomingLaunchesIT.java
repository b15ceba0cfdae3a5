package io.launchcast.forecast.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.launchcast.forecast.registry.ApprovalStatus;
import io.launchcast.forecast.registry.DatasetLineage;
import io.launchcast.forecast.registry.Lineage;
import io.launchcast.forecast.registry.ModelRegistration;
import io.launchcast.forecast.registry.ModelRegistry;
import io.launchcast.forecast.registry.ModelVersion;
import io.launchcast.forecast.serving.ChampionModel;
import io.launchcast.forecast.serving.FixedCurveServingModelAccess;
import io.launchcast.localcloud.LocalCloudExtension;
import io.launchcast.platform.datasets.DatasetVersions;
import io.launchcast.platform.objectstore.ObjectStore;
import io.launchcast.platform.testing.StagingDirectory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The scheduled batch forecasts exactly the products of the champion's dataset that launch soon. */
@ExtendWith(LocalCloudExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"launchcast.registry.default-group=upcoming-it", "launchcast.batch.schedule-weeks-ahead=4"})
class UpcomingLaunchesIT {

    @Autowired
    ObjectStore store;
    @Autowired
    ModelRegistry registry;
    @Autowired
    ChampionModel champion;
    @Autowired
    UpcomingLaunchesJob job;
    @Autowired
    BatchForecastRunner runner;
    @Autowired
    DatasetVersions versions;
    @org.springframework.beans.factory.annotation.Value("${launchcast.data-dir}")
    java.nio.file.Path dataDir;

    @Test
    void forecastsOnlyProductsLaunchingWithinTheWindow() throws Exception {
        publishCatalogue("catalogue-it", "20260101T000000Z-aaaa", "soon");
        String output = output(runFor("catalogue-it", "20260101T000000Z-aaaa"));

        assertThat(output.strip().split("\n")).hasSize(2);
        assertThat(output).contains("\"productId\":\"soon-1\"").contains("\"productId\":\"soon-2\"")
                .doesNotContain("\"productId\":\"past\"").doesNotContain("\"productId\":\"far\"");
        // its products are read once: the daily job left a copy of each day's version on disk before
        assertThat(dataDir.resolve("forecast-service/datasets/catalogue-it/v=20260101T000000Z-aaaa")).doesNotExist();
    }

    @Test
    void forecastsTheNewestVersionThatWasNotWithdrawn() throws Exception {
        publishCatalogue("withdrawn-it", "20260101T000000Z-aaaa", "usable");
        publishCatalogue("withdrawn-it", "20260201T000000Z-bbbb", "withdrawn");
        versions.withdraw("withdrawn-it", "20260201T000000Z-bbbb", "prices off by 100x", "ops", Instant.now());

        String output = output(runFor("withdrawn-it", "20260101T000000Z-aaaa"));

        assertThat(output).contains("\"productId\":\"usable-1\"").contains("\"productId\":\"usable-2\"")
                .doesNotContain("\"productId\":\"withdrawn-");
    }

    /** Registers and approves a model trained on {@code dataset} {@code version}, then runs the scheduled job. */
    private BatchForecastJob runFor(String dataset, String version) {
        ModelVersion model = registry.register(new ModelRegistration("upcoming-it", new byte[] {1}, Map.of("wape", 50.0),
                new Lineage(List.of(new DatasetLineage(dataset, version, "k", "h")), "f", "fh",
                        "t", "training-sets/t/manifest.json", Map.of(), 1, "c", "{}")));
        registry.decide("upcoming-it", model.version(), ApprovalStatus.Approved, "test", "it");
        champion.swap(FixedCurveServingModelAccess.model("upcoming-it/" + model.version()));
        return job.run().orElseThrow();
    }

    private String output(BatchForecastJob started) {
        await().atMost(Duration.ofSeconds(30)).until(() -> "SUCCEEDED".equals(runner.find(started.id()).orElseThrow().state()));
        return store.list(store.keyOf(java.net.URI.create(started.outputPrefix()))).stream()
                .filter(o -> o.key().contains("part-")).map(o -> new String(store.read(o.key()), StandardCharsets.UTF_8))
                .reduce("", String::concat);
    }

    /** A catalogue whose products {@code <prefix>-1} and {@code <prefix>-2} launch within the next four weeks. */
    private void publishCatalogue(String dataset, String version, String soon) throws Exception {
        LocalDate today = LocalDate.now();
        try (StagingDirectory staging = new StagingDirectory("catalogue-");
                var duck = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = duck.createStatement()) {
            Path dir = staging.path();
            sql.execute("CREATE TABLE products AS SELECT * FROM (VALUES "
                    + "('past', DATE '" + today.minusWeeks(3) + "', 'culottes'), "
                    + "('" + soon + "-1', DATE '" + today.plusDays(3) + "', 'culottes'), "
                    + "('" + soon + "-2', DATE '" + today.plusWeeks(3) + "', 'miniskirt'), "
                    + "('far', DATE '" + today.plusWeeks(20) + "', 'culottes')) t(product_id, launch_date, attr_category)");
            sql.execute("CREATE TABLE sales AS SELECT 'past' AS product_id, 'all' AS region, DATE '"
                    + today.minusWeeks(3) + "' AS period_start, 5::BIGINT AS units");
            sql.execute("CREATE TABLE signals AS SELECT 'trend' AS signal, 'culottes' AS term, DATE '"
                    + today.minusWeeks(3) + "' AS period_start, 50.0::DOUBLE AS value");
            for (String table : List.of("products", "sales", "signals")) {
                Files.createDirectories(dir.resolve(table));
                sql.execute("COPY " + table + " TO '" + dir.resolve(table).resolve("part-0.parquet") + "' (FORMAT PARQUET)");
                store.put("curated/" + dataset + "/v=" + version + "/" + table + "/part-0.parquet",
                        dir.resolve(table).resolve("part-0.parquet"), "application/vnd.apache.parquet");
            }
        }
        store.put("curated/" + dataset + "/v=" + version + "/_manifest.json",
                ("{\"dataset\":\"" + dataset + "\",\"version\":\"" + version + "\",\"period\":\"week\","
                        + "\"periodAnchor\":\"launch_date\",\"attributes\":[{\"name\":\"category\",\"type\":\"string\"}]}")
                        .getBytes(StandardCharsets.UTF_8), "application/json");
    }
}

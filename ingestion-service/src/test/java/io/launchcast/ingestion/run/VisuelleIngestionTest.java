package io.launchcast.ingestion.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchcast.ingestion.curated.Manifest;
import io.launchcast.platform.events.DatasetPublished;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bundled VISUELLE sample enters through its mapping file alone and reconciles exactly. */
class VisuelleIngestionTest extends IngestionTest {

    static final Path SAMPLE = Path.of("../samples/visuelle");


    @BeforeEach
    void landSample() throws Exception {
        ingestion = new Ingestion(temp.resolve("work"), Map.of(), Ingestion.mappingFile(SAMPLE.resolve("mapping.yml")));
        for (String file : new String[] {"train.csv", "test.csv", "gtrends.csv"}) {
            ingestion.store.put("landing/visuelle/2024-06/" + file, SAMPLE.resolve(file), "text/csv");
        }
    }

    @Test
    void ingestsEveryProductAndProductWeekWithCountsThatReconcile() throws Exception {
        IngestionRun run = ingestion.run("visuelle", "s3://test-bucket/landing/visuelle/2024-06/");

        assertThat(run.state()).as(() -> run.error() + "\n" + quarantined(run)).isEqualTo(RunState.SUCCEEDED);
        Manifest manifest = ingestion.manifest(run);
        assertThat(manifest.tables().get("products").rows()).isEqualTo(5_577);
        assertThat(manifest.tables().get("sales").rows()).isEqualTo(66_924);
        assertThat(manifest.tables().get("signals").rows()).isEqualTo(220 * 96);
        assertThat(run.rows()).isEqualTo(new IngestionRun.Rows(5_577 + 220, 5_577 + 220, 0, 0));
        assertThat(manifest.attributes()).extracting(Manifest.AttributeRef::name)
                .containsExactly("season", "category", "color", "fabric", "extra", "image_path");
        assertThat(manifest.attributes()).extracting(Manifest.AttributeRef::column).first().isEqualTo("attr_season");
        assertThat(manifest.attributes()).extracting(Manifest.AttributeRef::type).containsOnly("STRING");
        assertThat(manifest.period()).isEqualTo("week");
        assertThat(manifest.periodAnchor()).isEqualTo("launch_date");
        assertThat(manifest.mapping().name()).isEqualTo("visuelle");
        assertThat(ingestion.events.published).singleElement().isInstanceOfSatisfying(DatasetPublished.class,
                e -> assertThat(e.version()).isEqualTo(manifest.version()));

        Path local = ingestion.download(manifest, temp.resolve("curated"));
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement s = db.createStatement()) {
            String products = "read_parquet('" + local.resolve("products/*.parquet") + "')";
            String sales = "read_parquet('" + local.resolve("sales/**/*.parquet") + "', hive_partitioning = true)";
            String signals = "read_parquet('" + local.resolve("signals/**/*.parquet") + "', hive_partitioning = true)";
            assertThat(single(s, "SELECT count(*) FROM " + products + " WHERE split = 'test'")).isEqualTo("497");
            assertThat(single(s, "SELECT count(DISTINCT product_id) FROM " + sales)).isEqualTo("5577");
            // product 1 launched 2016-12-01; week 0 sold 0.0046948356807511 * 1065 = 5 units
            assertThat(single(s, "SELECT units FROM " + sales + " WHERE product_id = '1' AND period_start = DATE '2016-12-01'"))
                    .isEqualTo("5");
            assertThat(single(s, "SELECT max(period_start) FROM " + sales + " WHERE product_id = '1'")).isEqualTo("2017-02-16");
            assertThat(single(s, "SELECT count(*) FROM " + signals + " WHERE value IS NULL")).isEqualTo("660");
            assertThat(single(s, "SELECT count(*) FROM " + sales + " WHERE region <> 'all'")).isEqualTo("0");
        }
    }

    @Test
    void reingestingIdenticalInputKeepsTheContentHashAndReusesTheVersion() {
        IngestionRun first = ingestion.run("visuelle", "s3://test-bucket/landing/visuelle/2024-06/");
        IngestionRun second = ingestion.run("visuelle", "s3://test-bucket/landing/visuelle/2024-06/");

        assertThat(first.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(second.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(second.contentHash()).isEqualTo(first.contentHash())
                // pinned: the hash is computed from rows, so it holds across processes, thread counts and machines;
                // if this changes, the engine's text rendering of values changed and versions will not be reused
                .isEqualTo("58c910299b5f30f80c0e1cb287e28dae5c5b79070d787b7cc4db680b472f7897");
        assertThat(second.datasetVersion()).isEqualTo(first.datasetVersion());
        assertThat(second.reusedVersion()).isTrue();
        assertThat(ingestion.datasets.versions("visuelle")).containsExactly(first.datasetVersion());
        assertThat(ingestion.events.published).hasSize(1);
    }

    @Test
    void readsThatBreakOffResumeWhereTheyStoppedAndGiveTheSameDataset() {
        ingestion.store.breakReadsEvery(512 * 1024);

        IngestionRun run = ingestion.run("visuelle", "s3://test-bucket/landing/visuelle/2024-06/");

        assertThat(run.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(ingestion.store.breaks()).isGreaterThanOrEqualTo(3); // train.csv alone is 1.8 MB
        assertThat(run.contentHash()).isEqualTo("58c910299b5f30f80c0e1cb287e28dae5c5b79070d787b7cc4db680b472f7897");
    }

    private String quarantined(IngestionRun run) {
        var keys = ingestion.store.keys("quarantine/visuelle/" + run.id() + "/rows.jsonl");
        return keys.isEmpty() ? "" : ingestion.store.text(keys.get(0));
    }

    static String single(Statement s, String sql) throws Exception {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }
}

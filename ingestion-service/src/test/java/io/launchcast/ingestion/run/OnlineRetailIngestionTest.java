package io.launchcast.ingestion.run;

import static io.launchcast.ingestion.run.VisuelleIngestionTest.single;
import static org.assertj.core.api.Assertions.assertThat;

import io.launchcast.ingestion.curated.Manifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled Online Retail sample: 305 raw daily exports of invoice lines enter through the mapping alone
 * (exclusions, netting, clipping, launches from first sales, left-censoring, launch-week attributes) and agree
 * with the cold-start protocol of its README, as {@code splits.csv} records it product by product.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OnlineRetailIngestionTest {

    static final Path SAMPLE = Path.of("../samples/online-retail");

    @TempDir
    static Path temp;

    Ingestion ingestion;
    IngestionRun run;
    Path curated;

    @BeforeAll
    void ingestEveryDailyFile() throws Exception {
        ingestion = new Ingestion(temp.resolve("work"), Map.of(), Ingestion.mappingFile(SAMPLE.resolve("mapping.yml")));
        try (Stream<Path> days = Files.list(SAMPLE.resolve("by-day"))) {
            for (Path day : days.sorted().toList()) {
                ingestion.store.put("landing/online-retail/2011-12/" + day.getFileName(), day, "application/gzip");
            }
        }
        run = ingestion.run("online-retail", "s3://test-bucket/landing/online-retail/2011-12/");
        curated = ingestion.download(ingestion.manifest(run), temp.resolve("curated"));
    }

    @AfterAll
    void close() {
        ingestion.close();
    }

    @Test
    void everyInvoiceLineIsAccountedForAndEachRuleCounted() {
        assertThat(run.state()).as(() -> String.valueOf(run.error())).isEqualTo(RunState.SUCCEEDED);
        assertThat(run.inputs()).hasSize(305);
        IngestionRun.Rows rows = run.rows();
        assertThat(rows.read()).isEqualTo(541_909); // the count UCI gives
        assertThat(rows.accepted() + rows.rejected() + rows.duplicates() + rows.excluded()).isEqualTo(rows.read());
        assertThat(rows.rejected()).isZero();
        // protocol 2 and 3: 3,053 rows of 20 non-goods codes; 2,494 goods rows priced 0 are not demand
        assertThat(rows.excludedByRule()).containsExactlyInAnyOrderEntriesOf(Map.of("non-goods", 3_053L,
                "not-demand", 2_494L));
    }

    @Test
    void launchesComeFromFirstSalesAndOlderProductsAreLeftCensored() throws Exception {
        Manifest manifest = ingestion.manifest(run);
        // protocol 5: 3,794 goods ever sold, 2,898 of them first sold before 2011-02-01
        assertThat(manifest.tables().get("products").rows()).isEqualTo(3_794);
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement s = db.createStatement()) {
            Ingestion.curatedViews(s, curated);
            s.execute("CREATE TABLE splits AS SELECT * FROM read_csv('" + SAMPLE.resolve("splits.csv")
                    + "', header = true, all_varchar = true)");
            assertThat(single(s, "SELECT count(*) FROM products WHERE split = 'left-censored'")).isEqualTo("2898");
            assertThat(single(s, "SELECT count(*) FROM sales WHERE units < 0")).isEqualTo("0"); // protocol 4: clipped
            // protocol 7: the incomplete week of 2011-12-05 is not published
            assertThat(single(s, "SELECT max(period_start) FROM sales")).isEqualTo("2011-11-28");

            String sold = "FROM splits x JOIN products p ON p.product_id = x.stock_code"
                    + " WHERE x.role_primary NOT IN ('excluded', 'no_sale')";
            assertThat(single(s, "SELECT count(*) " + sold)).isEqualTo("3794");
            assertThat(single(s, "SELECT count(*) " + sold + " AND CAST(p.launch_date AS VARCHAR) <> x.launch_week"))
                    .isEqualTo("0");
            assertThat(single(s, "SELECT count(*) " + sold + " AND (p.split = 'left-censored')"
                    + " <> (x.role_primary = 'left_censored')")).isEqualTo("0");
            // protocol 10: the launch week's median unit price and most frequent description
            assertThat(single(s, "SELECT count(*) " + sold + " AND abs(p.price - CAST(x.price AS DOUBLE)) > 1e-9"))
                    .isEqualTo("0");
            assertThat(single(s, "SELECT count(*) " + sold + " AND p.attr_description <> trim(x.description)"))
                    .isEqualTo("0");
            // protocol 4 and 6: net weekly units, clipped at 0, summed over the launch week and the 7 after it
            List<String> curves = List.of("SELECT x.stock_code, CAST(x.units_8w AS BIGINT) AS expected,",
                    " coalesce(sum(s.units), 0) AS units FROM splits x JOIN products p ON p.product_id = x.stock_code",
                    " LEFT JOIN sales s ON s.product_id = p.product_id AND s.period_start >= p.launch_date",
                    " AND s.period_start < p.launch_date + 56 WHERE x.units_8w IS NOT NULL AND x.units_8w <> ''",
                    " GROUP BY ALL");
            assertThat(single(s, "SELECT count(*) FROM (" + String.join("", curves) + ") WHERE units <> expected"))
                    .isEqualTo("0");
            assertThat(single(s, "SELECT count(*) FROM (" + String.join("", curves) + ")")).isNotEqualTo("0");
        }
    }
}

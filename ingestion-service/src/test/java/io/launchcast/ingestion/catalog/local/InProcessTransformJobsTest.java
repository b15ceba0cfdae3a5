package io.launchcast.ingestion.catalog.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchcast.ingestion.catalog.TransformJobs;
import io.launchcast.ingestion.catalog.TransformJobsContract;
import io.launchcast.ingestion.curated.TransformDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local job engine runs the very definition the Glue job receives, with the same arguments. */
class InProcessTransformJobsTest implements TransformJobsContract {

    @TempDir
    Path temp;

    @Override
    public TransformJobs jobs() {
        return new InProcessTransformJobs();
    }

    @Override
    public TransformJobs.Request succeedingRequest() throws Exception {
        stage(temp.resolve("staging"));
        return new TransformJobs.Request("local", "run-c1", "{}", temp.resolve("staging").toString(), temp.resolve("out").toString(),
                TransformDefinition.load().text());
    }

    @Override
    public TransformJobs.Request failingRequest() throws Exception {
        Files.createDirectories(temp.resolve("staging/sales"));
        return new TransformJobs.Request("local", "run-c2", "{}", temp.resolve("staging").toString(), temp.resolve("out").toString(),
                "-- @table sales\nSELECT nope FROM sales_stage;");
    }

    @Test
    void runsTheTransformationDefinitionOverStagedParquet() throws Exception {
        Path staging = temp.resolve("staging");
        stage(staging);

        TransformJobs.Outcome outcome = new InProcessTransformJobs().run(new TransformJobs.Request("local", "run-1", "{}",
                staging.toUri().toString(), temp.resolve("out").toString(), TransformDefinition.load().text()));

        assertThat(outcome.succeeded()).as(outcome.message()).isTrue();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement s = db.createStatement();
                ResultSet r = s.executeQuery("SELECT string_agg(period_start || '=' || units, ',' ORDER BY period_start)"
                        + " FROM read_parquet('" + temp.resolve("out/sales/*.parquet") + "')")) {
            r.next();
            assertThat(r.getString(1)).isEqualTo("2024-01-01=5,2024-01-08=1");
        }
    }

    static void stage(Path staging) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement s = db.createStatement()) {
            for (String table : new String[] {"products", "sales", "signals"}) {
                Files.createDirectories(staging.resolve(table));
            }
            s.execute("COPY (SELECT 'A' AS product_id, DATE '2024-01-01' AS launch_date, 'all' AS region, 1.0 AS price,"
                    + " NULL::VARCHAR AS split) TO '" + staging.resolve("products/p.parquet") + "' (FORMAT parquet)");
            s.execute("COPY (SELECT * FROM (VALUES ('A', 'all', DATE '2024-01-01', 2::BIGINT), ('A', 'all', DATE '2024-01-01', 3::BIGINT),"
                    + " ('A', 'all', DATE '2024-01-08', 1::BIGINT)) t(product_id, region, period_start, units)) TO '"
                    + staging.resolve("sales/s.parquet") + "' (FORMAT parquet)");
            s.execute("COPY (SELECT 'trend' AS signal, 'red' AS term, DATE '2024-01-01' AS period_start, 50.0::DOUBLE AS value) TO '"
                    + staging.resolve("signals/g.parquet") + "' (FORMAT parquet)");
        }
    }

    @Test
    void reportsAFailingDefinitionAsAFailedOutcome() throws Exception {
        Files.createDirectories(temp.resolve("staging/sales"));

        TransformJobs.Outcome outcome = new InProcessTransformJobs().run(new TransformJobs.Request("local", "run-2", "{}",
                temp.resolve("staging").toString(), temp.resolve("out").toString(), "-- @table sales\nSELECT nope FROM sales_stage;"));

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.state()).isEqualTo("FAILED");
    }
}

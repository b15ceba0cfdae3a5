package io.launchcast.ingestion.run;

import static io.launchcast.ingestion.run.VisuelleIngestionTest.single;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A test that runs ingestions: its work directory, and the {@link Ingestion} it starts, closed after each test; what
 * a run landed, published and quarantined, read back.
 */
abstract class IngestionTest {

    @TempDir
    Path temp;

    Ingestion ingestion;

    @AfterEach
    void closeIngestion() {
        if (ingestion != null) {
            ingestion.close();
        }
    }

    /** Each product's id, launch date and {@code column}, in order of id. */
    String products(IngestionRun run, String column) throws Exception {
        return query(run, "SELECT string_agg(product_id || ' ' || launch_date || ' ' || " + column + ", '; '"
                + " ORDER BY product_id) FROM products");
    }

    /** Each product's sales per region and period, in order. */
    String sales(IngestionRun run) throws Exception {
        return query(run, "SELECT string_agg(product_id || '@' || region || ' ' || period_start || '=' || units, '; '"
                + " ORDER BY product_id, region, period_start) FROM sales");
    }

    String query(IngestionRun run, String sql) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement s = db.createStatement()) {
            Ingestion.curatedViews(s, ingestion.download(ingestion.manifest(run), temp.resolve("curated-" + run.id())));
            return single(s, sql);
        }
    }

    void land(String mapping, String file, String text) {
        ingestion.store.put("landing/" + mapping + "/drop/" + file, text.getBytes(StandardCharsets.UTF_8), "text/csv");
    }

    List<JsonNode> quarantine(String mapping, IngestionRun run) {
        JsonMapper json = JsonMapper.builder().build();
        return ingestion.store.text("quarantine/" + mapping + "/" + run.id() + "/rows.jsonl").lines()
                .map(json::readTree).toList();
    }
}

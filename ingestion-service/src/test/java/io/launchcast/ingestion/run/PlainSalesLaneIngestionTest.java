package io.launchcast.ingestion.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * A long sales file whose plain rows take the fast lane publishes what the record path alone publishes: same
 * counts, same quarantine (lines and reasons), same content hash. The record path alone is the same file in
 * UTF-16, a charset the lane does not read.
 */
class PlainSalesLaneIngestionTest {

    static final String MAPPING = """
            name: NAME
            version: 1
            period: week
            default-region: all
            rejected-share-threshold: 0.5
            sources:
              - name: catalogue
                files: [{match: "products.csv"}]
                format: {type: csv, encoding: ENCODING}
                products: {product-id: sku, launch-date: launched}
              - name: sales
                files: [{match: "sales.csv"}]
                format: {type: csv, encoding: ENCODING}
                sales: {product-id: sku, region: market, date: day, units: qty}
            """;

    @Test
    void publishesWhatTheRecordPathPublishesWithTheSameQuarantine(@TempDir Path temp) {
        try (Ingestion ingestion = new Ingestion(temp, Map.of(), Ingestion.mapping(mapping("lane", "UTF-8")),
                Ingestion.mapping(mapping("records", "UTF-16")))) {
            publishesTheSame(ingestion);
        }
    }

    private static void publishesTheSame(Ingestion ingestion) {
        String products = "sku,launched\nA,2024-01-01\nB,2024-01-01\nC,2024-01-01\n";
        String sales = sales(10_000);
        ingestion.store.put("landing/lane/products.csv", products.getBytes(StandardCharsets.UTF_8), "text/csv");
        ingestion.store.put("landing/lane/sales.csv", sales.getBytes(StandardCharsets.UTF_8), "text/csv");
        ingestion.store.put("landing/records/products.csv", products.getBytes(StandardCharsets.UTF_16), "text/csv");
        ingestion.store.put("landing/records/sales.csv", sales.getBytes(StandardCharsets.UTF_16), "text/csv");

        IngestionRun lane = ingestion.run("lane", "s3://test-bucket/landing/lane/");
        IngestionRun records = ingestion.run("records", "s3://test-bucket/landing/records/");

        assertThat(lane.state()).as(lane.error()).isEqualTo(RunState.SUCCEEDED);
        assertThat(records.state()).as(records.error()).isEqualTo(RunState.SUCCEEDED);
        // 10,000 sales lines: every 997th row names an unknown product, every 1,499th has negative units, lines 4,098
        // and 8,195 (just after a tally of 4,096 rows) are quoted, line 6,001 is blank
        assertThat(lane.rows()).isEqualTo(records.rows());
        assertThat(lane.rows().read()).isEqualTo(3 + 10_000);
        assertThat(lane.rows().rejected()).isEqualTo(10 + 6 + 1);
        assertThat(lane.contentHash()).isEqualTo(records.contentHash());
        assertThat(quarantine(ingestion, lane)).isEqualTo(quarantine(ingestion, records)).hasSize(17)
                .contains("6001 blank line", "998 sales of unknown product Z");
        assertThat(ingestion.manifest(lane).tables().get("sales").rows())
                .isEqualTo(ingestion.manifest(records).tables().get("sales").rows());
    }

    private static String mapping(String name, String encoding) {
        return MAPPING.replace("NAME", name).replace("ENCODING", encoding);
    }

    /** Rows numbered from line 2: mostly plain, some bad, two quoted, one blank line. */
    private static String sales(int rows) {
        StringBuilder csv = new StringBuilder("tx,sku,market,day,qty\n");
        String[] products = {"A", "B", "C"};
        LocalDate first = LocalDate.of(2024, 1, 1);
        for (int i = 1; i <= rows; i++) {
            long line = i + 1;
            if (line == 6001) {
                csv.append('\n');
                continue;
            }
            String sku = i % 997 == 0 ? "Z" : products[i % 3];
            if (line == 4098 || line == 8195) {
                sku = '"' + sku + '"';
            }
            String market = i % 5 == 0 ? "" : "m" + i % 2;
            int qty = i % 1499 == 0 ? -1 : i % 7;
            csv.append(i).append(',').append(sku).append(',').append(market).append(',').append(first.plusDays(i % 90))
                    .append(',').append(qty).append('\n');
        }
        return csv.toString();
    }

    /** Quarantined rows as "line reason", in file order. */
    private static List<String> quarantine(Ingestion ingestion, IngestionRun run) {
        JsonMapper json = JsonMapper.builder().build();
        List<String> rows = new ArrayList<>();
        ingestion.store.text("quarantine/" + run.dataset() + "/" + run.id() + "/rows.jsonl").lines().map(json::readTree)
                .forEach(row -> rows.add(row.get("line").asLong() + " " + row.get("reason").asString()));
        return rows;
    }
}

package io.launchcast.ingestion.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchcast.ingestion.curated.Manifest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A file with every kind of bad row: each one lands in quarantine with its reason and the counts reconcile. */
class DirtyInputIngestionTest extends IngestionTest {

    static final String MAPPING = """
            name: shop
            version: 2
            period: week
            rejected-share-threshold: 0.6
            attributes:
              colour: string
              weight: double
            sources:
              - name: catalogue
                files: [{match: "products*.csv"}]
                products:
                  product-id: sku
                  launch-date: launched
                  region: market
                  price: price
                  attributes: {colour: colour, weight: weight}
              - name: transactions
                files: [{match: "sales*.csv"}]
                format: {type: csv, delimiter: ";"}
                key: [tx]
                sales:
                  product-id: sku
                  region: market
                  date: {column: day, format: dd.MM.yyyy}
                  units: qty
            """;

    static final String PRODUCTS = """
            sku,launched,market,price,colour,weight
            A,2024-01-01,eu,10.5,red,1.5
            B,2024-01-03,eu,12,"dark, blue",2
            C,2024-13-01,eu,3,red,1
            D,2024-02-01,eu,abc,red,1
            A,2024-01-01,eu,10.5,red,1.5
            B,2024-01-03,eu,99,green,2
            E,2024-02-02,eu,5,"broken,1
            F,2024-02-03,eu,5,red,heavy
            G,2024-02-04,eu,5,red""";

    static final String SALES = """
            tx;sku;market;day;qty
            1;A;eu;01.01.2024;3
            2;A;eu;03.01.2024;4
            3;A;eu;08.01.2024;1
            4;B;eu;05.01.2024;-2
            5;Z;eu;05.01.2024;1
            6;B;eu;05.01.2024;two
            1;A;eu;01.01.2024;3
            7;B;eu;2024-01-05;1
            8;B;eu;06.01.2024;5
            9;B;eu;06.01""";


    @Test
    void quarantinesEveryBadRowWithItsReasonAndReconciles() {
        ingestion = new Ingestion(temp, Map.of(), Ingestion.mapping(MAPPING));
        ingestion.store.putText("landing/shop/products.csv", PRODUCTS);
        ingestion.store.putText("landing/shop/sales.csv", SALES);

        IngestionRun run = ingestion.run("shop", "s3://test-bucket/landing/shop/");

        assertThat(run.state()).as(run.error()).isEqualTo(RunState.SUCCEEDED);
        // products: 9 rows = A, B accepted; C bad date, D bad price, B conflict, E broken quote, F bad weight,
        // G truncated last line rejected; A duplicate. sales: 10 rows = 1, 2, 3, 8 accepted; 4 negative, 5 unknown
        // product, 6 not a number, 7 bad date, 9 truncated rejected; 1 duplicate.
        assertThat(run.rows()).isEqualTo(new IngestionRun.Rows(19, 6, 11, 2));
        assertThat(run.rows().read()).isEqualTo(run.rows().accepted() + run.rows().rejected() + run.rows().duplicates());
        assertThat(run.quarantine()).isEqualTo("s3://test-bucket/quarantine/shop/" + run.id() + "/");

        List<JsonNode> quarantined = quarantine(run);
        assertThat(quarantined).hasSize(13);
        assertThat(reason(quarantined, "products.csv", 4)).contains("launch_date '2024-13-01' is not a date");
        assertThat(reason(quarantined, "products.csv", 5)).contains("price 'abc' is not a number");
        assertThat(reason(quarantined, "products.csv", 6)).contains("duplicate of products.csv line 2");
        assertThat(reason(quarantined, "products.csv", 7)).contains("product B was already defined with different values");
        assertThat(reason(quarantined, "products.csv", 8)).contains("unterminated quoted field");
        assertThat(reason(quarantined, "products.csv", 9)).contains("attribute weight 'heavy' is not a number");
        assertThat(reason(quarantined, "products.csv", 10)).contains("expected 6 fields, found 5")
                .contains("truncated");
        assertThat(reason(quarantined, "sales.csv", 5)).contains("negative and the source declares no returns");
        assertThat(reason(quarantined, "sales.csv", 6)).contains("sales of unknown product Z");
        assertThat(reason(quarantined, "sales.csv", 7)).contains("units 'two' is not a number");
        assertThat(reason(quarantined, "sales.csv", 8)).contains("duplicate of sales.csv line 2");
        assertThat(reason(quarantined, "sales.csv", 9)).contains("sales date '2024-01-05' is not a date of the form dd.MM.yyyy");
        assertThat(reason(quarantined, "sales.csv", 11)).contains("expected 5 fields, found 4");
        assertThat(quarantined).allSatisfy(row -> assertThat(row.get("raw").asString()).isNotEmpty());
        assertThat(line(quarantined, "products.csv", 8).get("raw").asString()).isEqualTo("E,2024-02-02,eu,5,\"broken,1");

        Manifest manifest = ingestion.manifest(run);
        assertThat(manifest.tables().get("products").rows()).isEqualTo(2);
        // A: week of 2024-01-01 (3 + 4) and week of 2024-01-08 (1); B: week of 2024-01-01 (5)
        assertThat(manifest.tables().get("sales").rows()).isEqualTo(3);
        assertThat(manifest.periodAnchor()).isEqualTo("calendar");
        assertThat(manifest.rows()).isEqualTo(new Manifest.RowCounts(19, 6, 11, 2));
        assertThat(manifest.tables().get("sales").files()).extracting(Manifest.FileRef::partition)
                .containsExactly(Map.of("region", "eu", "period_year", "2024"));
    }

    @Test
    void anOversizedFieldInvalidBytesAndControlCharactersAreRejectedRowByRowAndTheRestIsPublished() {
        ingestion = new Ingestion(temp, Map.of(), Ingestion.mapping(MAPPING.replace("threshold: 0.6", "threshold: 0.9")));
        String products = "sku,launched,market,price,colour,weight\n"
                + "A,2024-01-01,eu,10.5,red,1.5\n"
                + "B,2024-01-03,eu,12," + "x".repeat(5_000_000) + ",2\n"
                + "C,2024-01-03,eu,12,bl\u0000ue,2\n"
                + "D,2024-01-03,eu,12,ring\u0007,2\n";
        byte[] latin1 = "E,2024-01-03,eu,12,gr\u00fcn,2\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] head = products.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + latin1.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(latin1, 0, all, head.length, latin1.length);
        ingestion.store.put("landing/shop/products.csv", all, "text/csv");
        // plain sales rows take the fast lane: a NUL byte there must not slip through either
        ingestion.store.putText("landing/shop/sales.csv", "tx;sku;market;day;qty\n1;A;eu;01.01.2024;3\n2;A;eu;02.01.2024\u0000;4\n");

        IngestionRun run = ingestion.run("shop", "s3://test-bucket/landing/shop/");

        assertThat(run.state()).as(run.error()).isEqualTo(RunState.SUCCEEDED);
        assertThat(run.rows()).isEqualTo(new IngestionRun.Rows(7, 2, 5, 0));
        List<JsonNode> quarantined = quarantine(run);
        assertThat(reason(quarantined, "products.csv", 3)).contains("field colour is 5000000 characters long")
                .contains("maximum of 65536");
        assertThat(reason(quarantined, "products.csv", 4)).contains("control character U+0000");
        assertThat(reason(quarantined, "products.csv", 5)).contains("control character U+0007");
        assertThat(reason(quarantined, "products.csv", 6)).contains("not valid in the source's declared encoding");
        assertThat(reason(quarantined, "sales.csv", 3)).contains("control character U+0000");
        assertThat(line(quarantined, "products.csv", 3).get("rawTruncated").asBoolean()).isTrue();
    }

    @Test
    void anInputWithoutProductsFailsWithoutPublishingEvenWhenOtherRowsWereAccepted() {
        String mapping = """
                name: trends-only
                version: 1
                period: week
                default-region: all
                attributes:
                  colour: string
                sources:
                  - name: catalogue
                    files: [{match: "products*.csv"}]
                    products:
                      product-id: sku
                      launch-date: launched
                      attributes: {colour: colour}
                  - name: trends
                    files: [{match: "trends*.csv"}]
                    signals:
                      signal: {constant: search}
                      date: {column: date, format: yyyy-MM-dd}
                      wide:
                        all-other-columns: true
                """;
        ingestion = new Ingestion(temp, Map.of(), Ingestion.mapping(mapping));
        ingestion.store.putText("landing/t/products.csv", "sku,launched,colour\n");
        ingestion.store.putText("landing/t/trends.csv", "date,red,blue\n2024-01-01,40,50\n2024-01-08,41,52\n");

        IngestionRun run = ingestion.run("trends-only", "s3://test-bucket/landing/t/");

        assertThat(run.state()).isEqualTo(RunState.FAILED);
        assertThat(run.error()).contains("holds no product").contains("nothing was published");
        assertThat(ingestion.store.keys("curated/")).isEmpty();
        assertThat(ingestion.events.published).isEmpty();
    }

    @Test
    void failsWithoutPublishingWhenTheRejectedShareExceedsTheThreshold() {
        ingestion = new Ingestion(temp, Map.of(), Ingestion.mapping(MAPPING.replace("threshold: 0.6", "threshold: 0.1")));
        ingestion.store.putText("landing/shop/products.csv", PRODUCTS);
        ingestion.store.putText("landing/shop/sales.csv", SALES);

        IngestionRun run = ingestion.run("shop", "s3://test-bucket/landing/shop/");

        assertThat(run.state()).isEqualTo(RunState.FAILED);
        assertThat(run.error()).contains("rejected 11 of 19 rows").contains("threshold of 10.00%");
        // what to fix first, not only that something is wrong: the commonest reasons, each with its first row
        assertThat(run.error()).contains("Most rejected: 2 rows, expected N fields, found N (last line is not "
                + "terminated: truncated file?) (first products.csv line 10: expected 6 fields, found 5")
                .contains("1 row, launch_date '…' is not a date (first products.csv line 4: launch_date '2024-13-01' "
                        + "is not a date)")
                .endsWith("every row with its reason in s3://test-bucket/quarantine/shop/" + run.id() + "/");
        assertThat(ingestion.store.text("quarantine/shop/" + run.id() + "/summary.json"))
                .contains("\"quarantinedByReason\":[{\"reason\":\"expected N fields, found N");
        assertThat(ingestion.store.keys("curated/")).isEmpty();
        assertThat(ingestion.events.published).isEmpty();
        assertThat(quarantine(run)).hasSize(13);
        assertThat(ingestion.store.text("quarantine/shop/" + run.id() + "/summary.json")).contains("\"reconciles\":true");
        assertThat(ingestion.runs.find(run.id()).orElseThrow().state()).isEqualTo(RunState.FAILED);
    }

    private List<JsonNode> quarantine(IngestionRun run) {
        String text = ingestion.store.text("quarantine/shop/" + run.id() + "/rows.jsonl");
        JsonMapper json = JsonMapper.builder().build();
        return text.lines().map(json::readTree).toList();
    }

    private static JsonNode line(List<JsonNode> rows, String file, long line) {
        return rows.stream().filter(r -> r.get("sourceFile").asString().endsWith("/" + file) && r.get("line").asLong() == line)
                .findFirst().orElseThrow(() -> new AssertionError("no quarantined row " + file + ":" + line + " in " + rows));
    }

    private static String reason(List<JsonNode> rows, String file, long line) {
        return line(rows, file, line).get("reason").asString();
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

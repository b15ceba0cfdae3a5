package io.launchcast.ingestion.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchcast.ingestion.curated.Manifest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** JSON Lines, Parquet, Excel, gzip, other encodings and delimiters, and JDBC sources all enter through configuration alone. */
class SourceFormatsIngestionTest extends IngestionTest {


    @Test
    void aggregatesGzippedJsonLinesTransactionsToMonths() throws Exception {
        ingestion = new Ingestion(temp, Map.of(), Ingestion.mapping("""
                name: web
                version: 1
                period: month
                rejected-share-threshold: 0.5
                sources:
                  - name: catalogue
                    files: [{match: "*.tsv"}]
                    format: {type: csv, delimiter: "\\t", encoding: ISO-8859-1}
                    products: {product-id: id, launch-date: launch, attributes: {}}
                  - name: orders
                    files: [{match: "orders-*.jsonl.gz"}]
                    format: {type: jsonl}
                    sales:
                      product-id: item
                      date: {column: at, format: "yyyy-MM-dd HH:mm:ss"}
                      units: n
                """));
        ingestion.store.put("landing/web/catalogue.tsv",
                "id\tlaunch\nCafé\t2024-01-15\n".getBytes(StandardCharsets.ISO_8859_1), "text/tab-separated-values");
        ingestion.store.put("landing/web/orders-1.jsonl.gz", gzip("""
                {"item": "Café", "at": "2024-01-20 10:00:00", "n": 2}
                {"item": "Café", "at": "2024-01-31 23:59:59", "n": 3}
                {"item": "Café", "at": "2024-02-01 00:00:00", "n": 1}
                {"item": "Café", "at": "2024-02-01 00:00:00", "n": 1.5}
                not json
                """), "application/gzip");

        IngestionRun run = ingestion.run("web", "s3://test-bucket/landing/web/");

        assertThat(run.state()).as(run.error()).isEqualTo(RunState.SUCCEEDED);
        assertThat(run.rows()).isEqualTo(new IngestionRun.Rows(6, 4, 2, 0));
        Manifest manifest = ingestion.manifest(run);
        assertThat(manifest.tables().get("sales").rows()).isEqualTo(2);
        assertThat(curatedSales(manifest)).isEqualTo("Café 2024-01-01 5; Café 2024-02-01 1");
    }

    @Test
    void anOrderExportsLineItemsAreEachARowBesideTheirOrdersFields() throws Exception {
        ingestion = new Ingestion(temp, Map.of(), Ingestion.mapping("""
                name: shop
                version: 1
                period: week
                rejected-share-threshold: 0.5
                launch: {date: first-sale}
                sources:
                  - name: orders
                    files: [{match: "orders.jsonl"}]
                    format: {type: jsonl, explode: order.line_items}
                    sales:
                      product-id: order.line_items.sku
                      region: shipping.country
                      date: {column: order.created_at, format: "yyyy-MM-dd'T'HH:mm:ss"}
                      units: order.line_items.quantity
                """));
        ingestion.store.put("landing/shop/orders.jsonl", """
                {"order": {"id": 1, "created_at": "2024-01-15T10:00:00", "line_items": [{"sku": "A", "quantity": 2}, {"sku": "B", "quantity": 1}]}, "shipping": {"country": "DE"}}
                {"order": {"id": 2, "created_at": "2024-01-16T09:00:00", "line_items": [{"sku": "A", "quantity": 3}, {"sku": "B", "quantity": "one"}]}, "shipping": {"country": "DE"}}
                {"order": {"id": 3, "created_at": "2024-01-23T09:00:00", "line_items": []}, "shipping": {"country": "FR"}}
                {"order": {"id": 4, "created_at": "2024-01-23T09:00:00", "line_items": [{"sku": "A", "quantity": 1}]}, "shipping": {"country": "FR"}}
                """.getBytes(StandardCharsets.UTF_8), "application/jsonl");

        IngestionRun run = ingestion.run("shop", "s3://test-bucket/landing/shop/");

        assertThat(run.state()).as(run.error()).isEqualTo(RunState.SUCCEEDED);
        // five line items and one order without any: every row read is accounted for
        assertThat(run.rows()).isEqualTo(new IngestionRun.Rows(6, 4, 2, 0));
        String quarantined = ingestion.store.text("quarantine/shop/" + run.id() + "/rows.jsonl");
        assertThat(quarantined).contains("\"line\":2").contains("order.line_items[1]: {\\\"sku\\\":\\\"B\\\"")
                .contains("\"line\":3").contains("order.line_items is empty: the object has no row");
        assertThat(curatedSales(ingestion.manifest(run))).isEqualTo("A 2024-01-15 5; A 2024-01-22 1; B 2024-01-15 1");
    }

    @Test
    void aJsonDocumentsRecordsAreTheObjectsOfItsArrayAtThePathTheMappingNames() throws Exception {
        ingestion = new Ingestion(temp, Map.of(), Ingestion.mapping("""
                name: api
                version: 1
                period: week
                rejected-share-threshold: 0.5
                launch: {date: first-sale}
                sources:
                  - name: orders
                    files: [{match: "orders-*.json"}]
                    format: {type: json, records: data.orders, explode: line_items}
                    sales:
                      product-id: line_items.sku
                      date: created_at
                      units: line_items.quantity
                """));
        // pretty-printed, as an API writes it: records span lines, each read from the line it starts on
        ingestion.store.put("landing/api/orders-1.json", """
                {"meta": {"page": 1, "note": [1, {"x": 2}]},
                 "data": {"orders": [
                  {"created_at": "2024-01-15",
                   "line_items": [{"sku": "A", "quantity": 2}, {"sku": "B", "quantity": 1}]},
                  "a stray string",
                  {"created_at": "2024-01-16", "line_items": [{"sku": "A", "quantity": "x"}]}
                 ]}}
                """.getBytes(StandardCharsets.UTF_8), "application/json");

        IngestionRun run = ingestion.run("api", "s3://test-bucket/landing/api/");

        assertThat(run.state()).as(run.error()).isEqualTo(RunState.SUCCEEDED);
        assertThat(run.rows()).isEqualTo(new IngestionRun.Rows(4, 2, 2, 0));
        assertThat(ingestion.store.text("quarantine/api/" + run.id() + "/rows.jsonl"))
                .contains("\"line\":5,\"raw\":\"\\\"a stray string\\\"\"").contains("not a JSON object")
                .contains("\"line\":6").contains("line_items[0]: {\\\"sku\\\":\\\"A\\\",\\\"quantity\\\":\\\"x\\\"}");
        assertThat(curatedSales(ingestion.manifest(run))).isEqualTo("A 2024-01-15 2; B 2024-01-15 1");
    }

    @Test
    void aJsonDocumentThatIsNotValidStopsTheRunNamingItsLine() throws Exception {
        ingestion = new Ingestion(temp, Map.of(), Ingestion.mapping("""
                name: api
                version: 1
                period: week
                launch: {date: first-sale}
                sources:
                  - name: orders
                    files: [{match: "*.json"}]
                    format: {type: json}
                    sales: {product-id: sku, date: day, units: n}
                """));
        ingestion.store.put("landing/api/cut.json", """
                [{"sku": "A", "day": "2024-01-15", "n": 2},
                 {"sku": "B", "day": "2024-01-15", "n":
                """.getBytes(StandardCharsets.UTF_8), "application/json");
        ingestion.store.put("landing/api/object.json", "{\"orders\": []}".getBytes(StandardCharsets.UTF_8),
                "application/json");

        IngestionRun cut = ingestion.run("api", "s3://test-bucket/landing/api/cut.json");
        IngestionRun object = ingestion.run("api", "s3://test-bucket/landing/api/object.json");

        assertThat(cut.state()).isEqualTo(RunState.FAILED);
        assertThat(cut.error()).contains("cannot read cut.json as JSON").contains("(line 3)");
        assertThat(object.state()).isEqualTo(RunState.FAILED);
        assertThat(object.error()).contains("the document is an object: name the array of its records with"
                + " format.records");
    }

    @Test
    void aZipArchiveOfOneFileIsReadAsThatFileAndOneOfSeveralFailsTheRunNamingThem() throws Exception {
        ingestion = new Ingestion(temp, Map.of(), Ingestion.mapping("""
                name: download
                version: 1
                period: week
                launch: {date: first-sale}
                sources:
                  - name: sales
                    files: [{match: "*.zip"}]
                    sales: {product-id: sku, date: day, units: n}
                """));
        ingestion.store.put("landing/download/one/sales.csv.zip", zip(Map.of("sales.csv", """
                sku,day,n
                A,2024-01-15,2
                B,2024-01-16,1
                """)), "application/zip");
        ingestion.store.put("landing/download/two/export.zip", zip(new java.util.TreeMap<>(Map.of(
                "sales-1.csv", "sku,day,n\nA,2024-01-15,2\n", "sales-2.csv", "sku,day,n\nB,2024-01-16,1\n"))),
                "application/zip");

        IngestionRun one = ingestion.run("download", "s3://test-bucket/landing/download/one/");
        IngestionRun two = ingestion.run("download", "s3://test-bucket/landing/download/two/");

        assertThat(one.state()).as(one.error()).isEqualTo(RunState.SUCCEEDED);
        assertThat(curatedSales(ingestion.manifest(one))).isEqualTo("A 2024-01-15 2; B 2024-01-15 1");
        assertThat(two.state()).isEqualTo(RunState.FAILED);
        assertThat(two.error()).contains("export.zip holds more than one file (sales-1.csv, sales-2.csv)");
    }

    static byte[] zip(Map<String, String> files) throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
            for (var file : files.entrySet()) {
                zip.putNextEntry(new java.util.zip.ZipEntry(file.getKey()));
                zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void readsATableAndAQueryFromARealDatabase() throws Exception {
        String url = "jdbc:h2:mem:erp;DB_CLOSE_DELAY=-1";
        try (Connection erp = DriverManager.getConnection(url, "sa", ""); Statement s = erp.createStatement()) {
            s.execute("CREATE TABLE item (code VARCHAR(10), first_sale DATE, family VARCHAR(20), list_price DECIMAL(8,2))");
            s.execute("INSERT INTO item VALUES ('X1', DATE '2023-03-01', 'shoes', 49.90), ('X2', DATE '2023-03-08', NULL, 19.00)");
            s.execute("CREATE TABLE daily_sales (code VARCHAR(10), store_region VARCHAR(10), sold_on DATE, qty INT)");
            s.execute("INSERT INTO daily_sales VALUES ('X1', 'north', DATE '2023-03-01', 4), ('X1', 'north', DATE '2023-03-02', 1),"
                    + " ('X1', 'south', DATE '2023-03-02', 2), ('X2', 'north', DATE '2023-03-09', 7), ('X9', 'north', DATE '2023-03-09', 1)");
        }
        ingestion = new Ingestion(temp, Map.of("erp", new IngestionProperties.Connection(url, "sa", "")), Ingestion.mapping("""
                name: erp
                version: 1
                period: week
                rejected-share-threshold: 0.5
                attributes: {family: string}
                sources:
                  - name: items
                    jdbc: {connection: erp, table: item}
                    products: {product-id: code, launch-date: first_sale, price: list_price, attributes: {family: family}}
                  - name: sales
                    jdbc: {connection: erp, query: "SELECT code, store_region, sold_on, qty FROM daily_sales ORDER BY sold_on"}
                    sales: {product-id: code, region: store_region, date: sold_on, units: qty}
                """));

        IngestionRun run = ingestion.run("erp");

        assertThat(run.state()).as(run.error()).isEqualTo(RunState.SUCCEEDED);
        assertThat(run.inputs()).containsExactly("jdbc:erp/items", "jdbc:erp/sales");
        assertThat(run.rows()).isEqualTo(new IngestionRun.Rows(7, 6, 1, 0));
        Manifest manifest = ingestion.manifest(run);
        assertThat(manifest.tables().get("products").rows()).isEqualTo(2);
        // X1 north (4 + 1 in the week of 2023-02-27), X1 south, X2 north
        assertThat(manifest.tables().get("sales").rows()).isEqualTo(3);
        assertThat(manifest.tables().get("sales").files()).extracting(f -> f.partition().get("region"))
                .containsExactlyInAnyOrder("north", "south");
    }

    @Test
    void readsParquetFilesTheirTypesJudgedAsTextIsJudged() throws Exception {
        Path catalogue = temp.resolve("catalogue.parquet");
        Path orders = temp.resolve("orders.parquet");
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement s = db.createStatement()) {
            s.execute("COPY (SELECT * FROM (VALUES ('P1', DATE '2024-01-15', 'shoes', 49.90::DECIMAL(8,2)),"
                    + " ('P2', DATE '2024-01-22', NULL, 19.00::DECIMAL(8,2))) t(id, launch, family, price))"
                    + " TO '" + catalogue + "' (FORMAT parquet)");
            s.execute("COPY (SELECT * FROM (VALUES ('P1', TIMESTAMP '2024-01-15 10:00:00', 2.0::DOUBLE),"
                    + " ('P1', TIMESTAMP '2024-01-16 09:30:00', 3.0), ('P2', TIMESTAMP '2024-01-23 12:00:00', 1.0),"
                    + " (NULL, TIMESTAMP '2024-01-24 12:00:00', 4.0)) t(item, \"at\", n))"
                    + " TO '" + orders + "' (FORMAT parquet, COMPRESSION zstd)");
        }
        ingestion = new Ingestion(temp, Map.of(), Ingestion.mapping("""
                name: lake
                version: 1
                period: week
                rejected-share-threshold: 0.5
                attributes: {family: string}
                sources:
                  - name: catalogue
                    files: [{match: "catalogue.parquet"}]
                    format: {type: parquet}
                    products: {product-id: id, launch-date: launch, price: price, attributes: {family: family}}
                  - name: orders
                    files: [{match: "orders*.parquet"}]
                    format: {type: parquet}
                    sales:
                      product-id: item
                      date: {column: at, format: "yyyy-MM-dd HH:mm:ss"}
                      units: n
                """));
        ingestion.store.put("landing/lake/catalogue.parquet", Files.readAllBytes(catalogue),
                "application/vnd.apache.parquet");
        ingestion.store.put("landing/lake/orders.parquet", Files.readAllBytes(orders),
                "application/vnd.apache.parquet");

        long copiesBefore = temporaryCopies();
        IngestionRun run = ingestion.run("lake", "s3://test-bucket/landing/lake/");

        assertThat(run.state()).as(run.error()).isEqualTo(RunState.SUCCEEDED);
        assertThat(temporaryCopies()).as("temporary copies left behind").isEqualTo(copiesBefore);
        // 2 products and 3 sales accepted; the sale without a product id quarantined with its row and reason
        assertThat(run.rows()).isEqualTo(new IngestionRun.Rows(6, 5, 1, 0));
        assertThat(ingestion.store.text("quarantine/lake/" + run.id() + "/rows.jsonl"))
                .contains("\"line\":4").contains("\"raw\":\",2024-01-24 12:00:00,4.0\"")
                .contains("product_id is required but empty (column item)");
        Manifest manifest = ingestion.manifest(run);
        assertThat(manifest.tables().get("products").rows()).isEqualTo(2);
        assertThat(curatedSales(manifest)).isEqualTo("P1 2024-01-15 5; P2 2024-01-22 1");
    }

    @Test
    void readsAnExcelSheetItsCellsJudgedAsTheirCsvTextIs() throws Exception {
        byte[] workbook;
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            book.createSheet("Cover").createRow(0).createCell(0).setCellValue("weekly export");
            Sheet orders = book.createSheet("Orders");
            CellStyle stamp = book.createCellStyle();
            stamp.setDataFormat(book.createDataFormat().getFormat("dd/mm/yyyy hh:mm"));
            Object[][] rows = {{"Item", "At", "N"}, {"P1", LocalDateTime.of(2024, 1, 15, 10, 0), 2.0},
                {"P1", LocalDateTime.of(2024, 1, 16, 9, 30), 3.0}, {"P2", LocalDateTime.of(2024, 1, 23, 12, 0), 1.0},
                {null, LocalDateTime.of(2024, 1, 24, 12, 0), 4.0}, {"P2", LocalDateTime.of(2024, 1, 24, 13, 0), "#N/A"}};
            for (int r = 0; r < rows.length; r++) {
                Row row = orders.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    Object value = rows[r][c];
                    if (value instanceof String text && text.startsWith("#")) {
                        row.createCell(c).setCellErrorValue(FormulaError.NA.getCode());
                    } else if (value instanceof String text) {
                        row.createCell(c).setCellValue(text);
                    } else if (value instanceof LocalDateTime at) {
                        row.createCell(c).setCellValue(at);
                        row.getCell(c).setCellStyle(stamp);
                    } else if (value instanceof Double n) {
                        row.createCell(c).setCellValue(n);
                    }
                }
            }
            book.write(out);
            workbook = out.toByteArray();
        }
        ingestion = new Ingestion(temp, Map.of(), Ingestion.mapping("""
                name: office
                version: 1
                period: week
                rejected-share-threshold: 0.5
                sources:
                  - name: orders
                    files: [{match: "orders*.xlsx"}]
                    format: {type: excel, sheet: Orders}
                    sales:
                      product-id: item
                      date: {column: at, format: "yyyy-MM-dd HH:mm:ss"}
                      units: n
                """));
        ingestion.store.put("landing/office/orders.xlsx", workbook,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

        long copiesBefore = workbookCopies();
        IngestionRun run = ingestion.run("office", "s3://test-bucket/landing/office/");

        assertThat(run.state()).as(run.error()).isEqualTo(RunState.SUCCEEDED);
        assertThat(workbookCopies()).as("temporary copies left behind").isEqualTo(copiesBefore);
        // 3 sales accepted; the row without a product and the one whose units are an error quarantined
        assertThat(run.rows()).isEqualTo(new IngestionRun.Rows(5, 3, 2, 0));
        assertThat(ingestion.store.text("quarantine/office/" + run.id() + "/rows.jsonl"))
                .contains("\"line\":5").contains("\"raw\":\",2024-01-24 12:00:00,4\"")
                .contains("product_id is required but empty (column item)")
                .contains("\"line\":6").contains("#N/A");
        assertThat(curatedSales(ingestion.manifest(run))).isEqualTo("P1 2024-01-15 5; P2 2024-01-22 1");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "parquet | orders.parquet | cannot read orders.parquet as Parquet: Invalid Input Error: No magic bytes found",
        "excel   | orders.xlsx    | cannot read orders.xlsx as an Excel workbook: it is not an .xlsx file (an .xlsx"
                + " file is a zip archive)"})
    void aFileThatIsNotInItsDeclaredFormatFailsTheRunNamingIt(String type, String file, String error) {
        ingestion = new Ingestion(temp, Map.of(), Ingestion.mapping("""
                name: lake
                version: 1
                period: week
                sources:
                  - name: orders
                    files: [{match: "%s"}]
                    format: {type: %s}
                    sales: {product-id: item, date: at, units: n}
                """.formatted(file, type)));
        ingestion.store.putText("landing/lake/" + file, "item,at,n\nP1,2024-01-15,2\n");

        IngestionRun run = ingestion.run("lake", "s3://test-bucket/landing/lake/");

        assertThat(run.state()).isEqualTo(RunState.FAILED);
        // named by the object's name, not by a temporary copy's
        assertThat(run.error()).startsWith(error).doesNotContain("launchcast-source-").doesNotContain("tmp-");
    }

    @Test
    void keepsPartitionValuesAsValuesAndEscapesThemInFileKeys() {
        ingestion = new Ingestion(temp, Map.of(), Ingestion.mapping("""
                name: regions
                version: 1
                period: week
                sources:
                  - name: sales
                    files: [{match: "sales.csv"}]
                    sales: {product-id: sku, region: market, date: day, units: qty}
                """));
        ingestion.store.putText("landing/regions/sales.csv", "sku,market,day,qty\nA,US/East,2024-01-03,2\n"
                + "A,a b=c%,2024-01-04,3\nB,eu,2024-01-05,1\n");

        IngestionRun run = ingestion.run("regions", "s3://test-bucket/landing/regions/");

        assertThat(run.state()).as(run.error()).isEqualTo(RunState.SUCCEEDED);
        var files = ingestion.manifest(run).tables().get("sales").files();
        assertThat(files).extracting(f -> f.partition().get("region")).containsExactlyInAnyOrder("US/East", "a b=c%", "eu");
        assertThat(files).filteredOn(f -> f.partition().get("region").equals("US/East")).singleElement()
                .satisfies(f -> assertThat(f.key()).contains("/sales/region=US%2FEast/period_year=2024/"));
    }

    /** The curated sales rows, {@code product period_start units}, by product and period, joined by {@code ; }. */
    private String curatedSales(Manifest manifest) throws Exception {
        Path local = ingestion.download(manifest, temp.resolve("out"));
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement s = db.createStatement()) {
            return VisuelleIngestionTest.single(s, "SELECT string_agg(product_id || ' ' || period_start || ' ' || units,"
                    + " '; ' ORDER BY product_id, period_start) FROM read_parquet('" + local.resolve("sales/**/*.parquet")
                    + "')");
        }
    }

    /** The workbooks the Excel reader's library copied to disk (under Apache POI's temporary folder) now there. */
    private static long workbookCopies() throws Exception {
        Path folder = Path.of(System.getProperty("java.io.tmpdir"), "poifiles");
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (var files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".xlsx")).count();
        }
    }

    /** The Parquet reader's temporary copies of source objects now on disk. */
    private static long temporaryCopies() throws Exception {
        try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(f -> f.getFileName().toString().startsWith("launchcast-source-")).count();
        }
    }

    static byte[] gzip(String text) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}

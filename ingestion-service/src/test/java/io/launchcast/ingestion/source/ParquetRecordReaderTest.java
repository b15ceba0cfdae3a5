package io.launchcast.ingestion.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchcast.ingestion.mapping.SourceSpec.FormatSpec;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetRecordReaderTest {

    @TempDir
    Path temp;

    @Test
    void valuesComeAsDuckDbsTextOfThemAndProgressFollowsTheRows() throws Exception {
        Path file = temp.resolve("orders.parquet");
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement s = db.createStatement()) {
            s.execute("COPY (SELECT 'P' || i AS sku, TIMESTAMP '2024-01-15 10:00:00' + INTERVAL (i) HOUR AS at,"
                    + " (i % 7)::INTEGER AS qty, CASE WHEN i = 3 THEN NULL ELSE 1.25 END AS price"
                    + " FROM range(1000) t(i)) TO '" + file + "' (FORMAT parquet, ROW_GROUP_SIZE 100)");
        }
        byte[] bytes = Files.readAllBytes(file);
        FormatSpec parquet = new FormatSpec("parquet", null, null, null, null, null, null);

        try (RecordReader reader = RecordReaders.open("orders.parquet", new ByteArrayInputStream(bytes), parquet)) {
            assertThat(reader.columns()).containsExactly("sku", "at", "qty", "price");
            reader.project(List.of("QTY", "at", "sku", "price"));
            assertThat(reader.bytesRead()).isZero();
            SourceRecord first = reader.next();
            assertThat(first.values()).containsExactly("0", "2024-01-15 10:00:00", "P0", "1.25");
            assertThat(first.line()).isEqualTo(1);
            for (int i = 1; i < 500; i++) {
                SourceRecord record = reader.next();
                if (i == 3) {
                    assertThat(record.values()[3]).isNull();
                    assertThat(record.raw()).isEqualTo("P3,2024-01-15 13:00:00,3,");
                }
            }
            assertThat(reader.bytesRead()).isEqualTo(Math.round(bytes.length / 2.0));
            int rest = 0;
            while (reader.next() != null) {
                rest++;
            }
            assertThat(rest).isEqualTo(500);
            assertThat(reader.bytesRead()).isEqualTo(bytes.length);
        }
    }
    @Test
    void aListOfStructsIsReadAsItsTextLikeAnyList() throws Exception {
        Path file = temp.resolve("orders.parquet");
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement s = db.createStatement()) {
            s.execute("COPY (SELECT 'o1' AS id, [{'sku': 'A', 'qty': 2}] AS items, {'lines': [{'sku': 'B'}]} AS cart)"
                    + " TO '" + file + "' (FORMAT parquet)");
        }
        FormatSpec parquet = new FormatSpec("parquet", null, null, null, null, null, null);

        try (RecordReader reader = RecordReaders.open("orders.parquet",
                new ByteArrayInputStream(Files.readAllBytes(file)), parquet)) {
            reader.project(List.of("id", "items", "cart.lines"));
            assertThat(reader.next().values()).containsExactly("o1", "[{'sku': A, 'qty': 2}]", "[{'sku': B}]");
        }
    }

    @Test
    void anExplodedListsElementsAreRowsBesideTheirRowsColumnsAndAnEmptyListIsOneMalformedRow() throws Exception {
        Path file = temp.resolve("events.parquet");
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement s = db.createStatement()) {
            // a GA4-like export: an event with its date and a list of purchased items
            s.execute("COPY (SELECT * FROM (VALUES ('2024-01-15', {'name': 'purchase', 'items': [{'sku': 'A', 'qty': 2},"
                    + " {'sku': 'B', 'qty': 1}]}), ('2024-01-16', {'name': 'view', 'items': []}),"
                    + " ('2024-01-17', {'name': 'purchase', 'items': [{'sku': 'C', 'qty': 5}]})) t(day, event))"
                    + " TO '" + file + "' (FORMAT parquet)");
        }
        FormatSpec parquet = new FormatSpec("parquet", null, null, null, null, null, null, null, null, null,
                "event.items", null);

        try (RecordReader reader = RecordReaders.open("events.parquet",
                new ByteArrayInputStream(Files.readAllBytes(file)), parquet)) {
            reader.project(List.of("event.items.sku", "day", "event.items.qty", "event.name"));
            SourceRecord a = reader.next();
            SourceRecord b = reader.next();
            SourceRecord none = reader.next();
            SourceRecord c = reader.next();

            assertThat(a.values()).containsExactly("A", "2024-01-15", "2", "purchase");
            assertThat(a.line()).isEqualTo(1);
            assertThat(b.values()).containsExactly("B", "2024-01-15", "1", "purchase");
            assertThat(b.line()).isEqualTo(1);
            assertThat(b.raw()).isEqualTo("event.items[1]: {'sku': B, 'qty': 1}");
            assertThat(none.malformed()).isEqualTo("event.items is empty: the row has no row");
            assertThat(none.line()).isEqualTo(2);
            assertThat(c.values()).containsExactly("C", "2024-01-17", "5", "purchase");
            assertThat(c.line()).isEqualTo(3);
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void aStructsFieldsAreColumnsNamedByTheirDottedPath() throws Exception {
        Path file = temp.resolve("events.parquet");
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement s = db.createStatement()) {
            s.execute("COPY (SELECT 'e1' AS id, {'name': 'purchase', 'item': {'id': 'A1', 'qty': 2}} AS event,"
                    + " [3, 4] AS tags) TO '" + file + "' (FORMAT parquet)");
        }
        FormatSpec parquet = new FormatSpec("parquet", null, null, null, null, null, null);

        try (RecordReader reader = RecordReaders.open("events.parquet",
                new ByteArrayInputStream(Files.readAllBytes(file)), parquet)) {
            assertThat(reader.columns()).containsExactly("id", "event", "tags", "event.name", "event.item",
                    "event.item.id", "event.item.qty");
            reader.project(List.of("event.item.id", "event.name", "event.item.qty", "tags"));
            assertThat(reader.next().values()).containsExactly("A1", "purchase", "2", "[3, 4]");
        }
    }
}

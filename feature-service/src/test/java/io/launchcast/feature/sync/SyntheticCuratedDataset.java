package io.launchcast.feature.sync;

import io.launchcast.platform.objectstore.ObjectStore;
import io.launchcast.platform.testing.StagingDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.stream.Stream;

/**
 * Writes a small curated dataset version to the object store in the layout ingestion publishes: products, sales
 * and signals as Parquet, and the manifest last. Products launch weekly (from 2018-01-01 unless told); each sells
 * 12 weeks; signals start a year before the first launch.
 */
public final class SyntheticCuratedDataset {

    private SyntheticCuratedDataset() {
    }

    public static void publish(ObjectStore store, String dataset, String version, int products) {
        publish(store, dataset, version, products, LocalDate.of(2018, 1, 1));
    }

    public static void publish(ObjectStore store, String dataset, String version, int products, LocalDate firstLaunch) {
        try (StagingDirectory staging = new StagingDirectory("synthetic-curated-");
                Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement sql = duck.createStatement()) {
            Path dir = staging.path();
            sql.execute("CREATE TABLE products AS SELECT cast(i AS VARCHAR) AS product_id, "
                    + "DATE '" + firstLaunch + "' + INTERVAL (7 * i) DAY AS launch_date, 'all' AS region, NULL::DOUBLE AS price, "
                    + "CASE WHEN i < " + (products - 5) + " THEN 'train' ELSE 'test' END AS split, "
                    + "['a','b','c'][1 + i % 3] AS attr_category, ['red','blue'][1 + i % 2] AS attr_color "
                    + "FROM range(" + products + ") t(i)");
            sql.execute("CREATE TABLE sales AS SELECT p.product_id, 'all' AS region, "
                    + "cast(p.launch_date + INTERVAL (7 * h) DAY AS DATE) AS period_start, "
                    + "cast(10 + (cast(p.product_id AS INTEGER) % 7) * 3 + 12 - h AS BIGINT) AS units "
                    + "FROM products p, range(12) w(h)");
            sql.execute("CREATE TABLE signals AS SELECT 'trend' AS signal, term, "
                    + "cast(DATE '" + firstLaunch.minusDays(364) + "' + INTERVAL (7 * w) DAY AS DATE) AS period_start, "
                    + "cast(40 + (w % 10) AS DOUBLE) AS value FROM (VALUES ('a'), ('b'), ('c'), ('red'), ('blue')) t(term), "
                    + "range(200) r(w)");
            for (String table : new String[] {"products", "sales", "signals"}) {
                Files.createDirectories(dir.resolve(table));
                sql.execute("COPY " + table + " TO '" + dir.resolve(table).resolve("part-0.parquet") + "' (FORMAT PARQUET)");
            }
            String prefix = "curated/" + dataset + "/v=" + version + "/";
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    store.put(prefix + dir.relativize(file), file, "application/vnd.apache.parquet");
                }
            }
            String manifest = "{\"dataset\":\"" + dataset + "\",\"version\":\"" + version + "\",\"period\":\"week\","
                    + "\"periodAnchor\":\"launch_date\",\"attributes\":[{\"name\":\"category\",\"type\":\"string\"},"
                    + "{\"name\":\"color\",\"type\":\"string\"}],\"contentHash\":\"sha256:synthetic\"}";
            store.put(prefix + "_manifest.json", manifest.getBytes(StandardCharsets.UTF_8), "application/json");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.launchcast.monitor.quality;

import io.launchcast.monitor.quality.ForecastQuality.QuarantinedRow;
import io.launchcast.platform.objectstore.ObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The sales rows of a dataset version no captured forecast could take, gathered on disk as a join finds them
 * (sales beyond a forecast's periods can be most of a large version's rows) and published as one JSON Lines
 * object, a row per line with its reason, in the order a sorted read gives them: product, region, period.
 */
final class UnmatchedSales implements Consumer<QuarantinedRow>, AutoCloseable {

    private final Connection connection;
    private final DuckDBAppender appender;
    private final Path directory;
    private long rows;

    /** Gathers rows in a database that spills under {@code directory}, within {@code memoryLimitMib} of memory. */
    UnmatchedSales(Path directory, long memoryLimitMib) {
        this.directory = directory;
        try {
            Files.createDirectories(directory);
            connection = DriverManager.getConnection("jdbc:duckdb:");
            try (Statement sql = connection.createStatement()) {
                EvaluationStore.configure(sql, memoryLimitMib, directory);
                sql.execute("CREATE TABLE unmatched (product_id VARCHAR, region VARCHAR, period_start DATE, "
                        + "units BIGINT, reason VARCHAR)");
            }
            appender = connection.unwrap(DuckDBConnection.class).createAppender(DuckDBConnection.DEFAULT_SCHEMA,
                    "unmatched");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot gather unmatched sales: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
    }

    @Override
    public void accept(QuarantinedRow row) {
        try {
            appender.beginRow().append(row.productId());
            if (row.region() == null) {
                appender.appendNull();
            } else {
                appender.append(row.region());
            }
            appender.append(row.periodStart()).append(row.units()).append(row.reason()).endRow();
            rows++;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot gather an unmatched sales row: " + e.getMessage(), e);
        }
    }

    /** Rows gathered. */
    long rows() {
        return rows;
    }

    /** Writes the rows, each naming the dataset version, to {@code key}. */
    void publish(ObjectStore store, String key, String dataset, String version) {
        Path file = directory.resolve("unmatched-" + System.nanoTime() + ".jsonl");
        try (PreparedStatement copy = connection.prepareStatement("COPY (SELECT ? AS dataset, ? AS version, "
                + "product_id AS productId, region, period_start AS periodStart, units, reason FROM unmatched ORDER BY "
                + "product_id, region NULLS LAST, period_start) TO '" + EvaluationStore.literal(file) + "' (FORMAT JSON)")) {
            appender.flush();
            copy.setString(1, dataset);
            copy.setString(2, version);
            copy.execute();
            store.put(key, file, "application/x-ndjson");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write the unmatched sales of " + dataset + " " + version + ": "
                    + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a leftover in the join's scratch directory, removed with it
            }
        }
    }

    @Override
    public void close() {
        try {
            appender.close();
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close the unmatched sales: " + e.getMessage(), e);
        }
    }
}

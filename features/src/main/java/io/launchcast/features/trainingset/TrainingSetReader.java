package io.launchcast.features.trainingset;

import io.launchcast.features.compute.LaunchFeatures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Predicate;
import org.duckdb.DuckDBDriver;

/**
 * Reads a feature store training set (one Parquet file: {@code product_id}, {@code as_of}, then one column per
 * feature) into launch features per product. Text columns are categorical features and numeric columns numeric
 * ones, as the feature groups declared them; a null is a feature that could not be computed, which launch features
 * leave absent, so a model sees the same inputs as from the in-process computation.
 */
public final class TrainingSetReader {

    /** The key and time columns of an exported training set, not features. */
    public static final Set<String> KEY_COLUMNS = Set.of("product_id", "as_of");

    private TrainingSetReader() {
    }

    /**
     * The features of every row, keyed by product id (a training set of launches has one row per product).
     *
     * @param definitionsHash the hash of the definitions the feature store computed the set with
     * @throws IllegalArgumentException if a product appears twice (the file is not a launch training set)
     */
    public static Map<String, LaunchFeatures> read(Path parquet, String definitionsHash) {
        return read(parquet, definitionsHash, id -> true);
    }

    /**
     * The features of the rows whose product id {@code wanted} accepts, keyed by product id. The rows stream
     * through (DuckDB hands over a chunk at a time) and only wanted rows become objects: a set of a million
     * launches as features would not fit a service's heap, the launches a run trains and tests on do.
     *
     * @throws IllegalArgumentException if any product appears twice (the file is not a launch training set)
     */
    public static Map<String, LaunchFeatures> read(Path parquet, String definitionsHash, Predicate<String> wanted) {
        if (!Files.isRegularFile(parquet)) {
            throw new IllegalArgumentException("no training set file at " + parquet);
        }
        String source = "read_parquet('" + parquet.toAbsolutePath().toString().replace("'", "''") + "')";
        Properties streaming = new Properties();
        streaming.setProperty(DuckDBDriver.JDBC_STREAM_RESULTS, "true");
        Map<String, LaunchFeatures> out = new HashMap<>();
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:", streaming);
                Statement sql = duck.createStatement()) {
            refuseRepeatedProducts(sql, source, parquet);
            try (ResultSet rows = sql.executeQuery("SELECT * FROM " + source)) {
                ResultSetMetaData meta = rows.getMetaData();
                int columns = meta.getColumnCount();
                String[] names = new String[columns + 1];
                boolean[] text = new boolean[columns + 1];
                int productColumn = 0;
                for (int c = 1; c <= columns; c++) {
                    names[c] = meta.getColumnName(c);
                    text[c] = meta.getColumnType(c) == Types.VARCHAR;
                    if (names[c].equals("product_id")) {
                        productColumn = c;
                    }
                }
                while (rows.next()) {
                    String productId = rows.getString(productColumn);
                    if (!wanted.test(productId)) {
                        continue;
                    }
                    LocalDate asOf = rows.getTimestamp("as_of").toInstant().atOffset(ZoneOffset.UTC).toLocalDate();
                    Map<String, String> categorical = new LinkedHashMap<>();
                    Map<String, Double> numeric = new LinkedHashMap<>();
                    for (int c = 1; c <= columns; c++) {
                        if (KEY_COLUMNS.contains(names[c])) {
                            continue;
                        }
                        Object value = rows.getObject(c);
                        if (value == null) {
                            continue;
                        }
                        if (text[c]) {
                            categorical.put(names[c], value.toString());
                        } else {
                            numeric.put(names[c], ((Number) value).doubleValue());
                        }
                    }
                    out.put(productId, new LaunchFeatures(productId, asOf, categorical, numeric, null, null,
                            definitionsHash));
                }
            }
        } catch (SQLException e) {
            throw new IllegalArgumentException("cannot read training set " + parquet + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** Checked over the whole file, wanted rows or not: a file with a product twice is not a launch training set. */
    private static void refuseRepeatedProducts(Statement sql, String source, Path parquet) throws SQLException {
        try (ResultSet twice = sql.executeQuery("SELECT product_id, min(as_of), max(as_of) FROM " + source
                + " GROUP BY product_id HAVING count(*) > 1 ORDER BY product_id LIMIT 1")) {
            if (twice.next()) {
                throw new IllegalArgumentException("training set " + parquet.getFileName() + " holds product "
                        + twice.getString(1) + " twice (as of " + date(twice, 2) + " and " + date(twice, 3)
                        + "): a launch training set has one row per product");
            }
        }
    }

    private static LocalDate date(ResultSet rs, int column) throws SQLException {
        return rs.getTimestamp(column).toInstant().atOffset(ZoneOffset.UTC).toLocalDate();
    }
}

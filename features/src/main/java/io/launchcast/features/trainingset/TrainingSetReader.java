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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

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
        if (!Files.isRegularFile(parquet)) {
            throw new IllegalArgumentException("no training set file at " + parquet);
        }
        Map<String, LaunchFeatures> out = new LinkedHashMap<>();
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement sql = duck.createStatement();
                ResultSet rows = sql.executeQuery("SELECT * FROM read_parquet('"
                        + parquet.toAbsolutePath().toString().replace("'", "''") + "') ORDER BY product_id, as_of")) {
            ResultSetMetaData meta = rows.getMetaData();
            int columns = meta.getColumnCount();
            String[] names = new String[columns + 1];
            boolean[] text = new boolean[columns + 1];
            for (int c = 1; c <= columns; c++) {
                names[c] = meta.getColumnName(c);
                text[c] = meta.getColumnType(c) == Types.VARCHAR;
            }
            while (rows.next()) {
                String productId = rows.getString("product_id");
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
                LaunchFeatures previous = out.put(productId,
                        new LaunchFeatures(productId, asOf, categorical, numeric, null, null, definitionsHash));
                if (previous != null) {
                    throw new IllegalArgumentException("training set " + parquet.getFileName() + " holds product "
                            + productId + " twice (as of " + previous.asOf() + " and " + asOf
                            + "): a launch training set has one row per product");
                }
            }
        } catch (SQLException e) {
            throw new IllegalArgumentException("cannot read training set " + parquet + ": " + e.getMessage(), e);
        }
        return out;
    }
}

package io.launchcast.forecast.pipeline;

import io.launchcast.features.compute.LaunchFeatures;
import io.launchcast.platform.objectstore.ObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks the feature-service for a point-in-time training set and reads it back: one row per launch, as of its
 * launch, with every feature group joined. Training uses exactly these features, so the model sees what the
 * feature store serves.
 */
public class TrainingSetClient {

    /** A training set as the feature-service wrote it: its key, hash, and the features of each product. */
    public record TrainingSet(String id, String parquetKey, String sha256, long rows, Map<String, LaunchFeatures> features) {
    }

    private final RestClient featureService;
    private final ObjectStore store;
    private final JsonMapper json;

    public TrainingSetClient(RestClient featureService, ObjectStore store, JsonMapper json) {
        this.featureService = featureService;
        this.store = store;
        this.json = json;
    }

    /** Every launch between the two dates, each as of its launch, known as of {@code knownAt} (null: now). */
    public TrainingSet launches(LocalDate from, LocalDate to, String knownAt, String definitionsHash) {
        String body = "{\"selector\":{\"launchedFrom\":\"" + from + "\",\"launchedTo\":\"" + to + "\"}"
                + (knownAt == null ? "" : ",\"knownAt\":\"" + knownAt + "\"") + "}";
        JsonNode manifest = json.readTree(featureService.post().uri("/training-sets")
                .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().body(String.class));
        String key = manifest.path("parquetKey").asString();
        return new TrainingSet(manifest.path("id").asString(), key, manifest.path("sha256").asString(),
                manifest.path("rows").asLong(), read(key, definitionsHash));
    }

    private Map<String, LaunchFeatures> read(String key, String definitionsHash) {
        Path file = null;
        try {
            file = Files.createTempFile("training-set-", ".parquet");
            try (var in = store.open(key)) {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
            Map<String, LaunchFeatures> features = new LinkedHashMap<>();
            try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                    Statement sql = duck.createStatement();
                    ResultSet rows = sql.executeQuery("SELECT * FROM read_parquet('"
                            + file.toAbsolutePath().toString().replace("'", "''") + "') ORDER BY product_id")) {
                ResultSetMetaData meta = rows.getMetaData();
                while (rows.next()) {
                    String id = rows.getString("product_id");
                    LocalDate asOf = rows.getTimestamp("as_of").toInstant().atZone(ZoneOffset.UTC).toLocalDate();
                    Map<String, String> categorical = new LinkedHashMap<>();
                    Map<String, Double> numeric = new LinkedHashMap<>();
                    for (int c = 1; c <= meta.getColumnCount(); c++) {
                        String name = meta.getColumnName(c);
                        Object value = rows.getObject(c);
                        if (value == null || name.equals("product_id") || name.equals("as_of")) {
                            continue; // a missing feature stays missing
                        }
                        if (value instanceof Number number) {
                            numeric.put(name, number.doubleValue());
                        } else {
                            categorical.put(name, value.toString());
                        }
                    }
                    features.put(id, new LaunchFeatures(id, asOf, categorical, numeric, null, null, definitionsHash));
                }
            }
            return features;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read training set " + key + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temp file; the OS cleans it
                }
            }
        }
    }
}

package io.launchcast.feature.trainingset;

import io.launchcast.feature.group.FeatureGroupCatalog;
import io.launchcast.feature.offline.Entity;
import io.launchcast.feature.offline.OfflineStore;
import io.launchcast.feature.offline.ParquetOfflineStore;
import io.launchcast.feature.sync.FeatureSync;
import io.launchcast.platform.objectstore.ObjectStore;
import io.launchcast.platform.objectstore.ObjectSummary;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds training sets from the offline store with one DuckDB query: a point-in-time subquery per feature group
 * (event time not after each entity's as-of, write time not after known-at), left-joined on the entity, ordered,
 * and written single-threaded so the bytes depend only on the data.
 */
public class TrainingSetBuilder {

    private static final Logger log = LoggerFactory.getLogger(TrainingSetBuilder.class);
    static final String ROOT = "training-sets/";
    private static final String SELECTOR_GROUP = "product-attributes";

    private final ObjectStore store;
    private final OfflineStore offline;
    private final FeatureGroupCatalog catalog;
    private final FeatureSync sync;
    private final JsonMapper json;
    private final Clock clock;

    public TrainingSetBuilder(ObjectStore store, OfflineStore offline, FeatureGroupCatalog catalog, FeatureSync sync,
            JsonMapper json, Clock clock) {
        this.store = store;
        this.offline = offline;
        this.catalog = catalog;
        this.sync = sync;
        this.json = json;
        this.clock = clock;
    }

    public TrainingSet build(TrainingSetRequest request) {
        long t0 = System.nanoTime();
        List<Entity> launches = null;
        String definitionsHash = request.definitions() == null ? null : request.definitions().hash();
        String dataset = null;
        if (request.launchesOf() != null) {
            // computed before known-at is fixed, so that a default known-at (now) sees what was just written
            FeatureSync.Materialized materialized = sync.materialize(request.launchesOf().dataset(),
                    request.launchesOf().version(), request.definitions());
            launches = materialized.launches().stream().map(l -> new Entity(l.productId(), l.launchedAt())).toList();
            definitionsHash = materialized.report().definitionsHash();
            dataset = request.launchesOf().dataset() + "/" + request.launchesOf().version();
        }
        Instant knownAt = request.knownAt() == null ? Instant.now(clock) : request.knownAt();
        Map<String, Path> groupFiles = new LinkedHashMap<>();
        for (FeatureGroupCatalog.GroupDeclaration group : catalog.groups()) {
            Path files = offline.localFiles(group.name());
            if (files != null) {
                groupFiles.put(group.name(), files);
            }
        }
        if (groupFiles.isEmpty()) {
            throw new NoFeaturesException("the offline store holds no features yet: publish a dataset first");
        }
        Path out = null;
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement sql = duck.createStatement()) {
            sql.execute("SET threads = 1");
            sql.execute("CREATE TABLE entities (record_id VARCHAR, as_of TIMESTAMP)");
            List<Entity> entities = launches != null ? launches : request.entities() != null
                    ? request.entities().stream().map(e -> new Entity(e.productId(), e.asOf())).toList()
                    : selected(duck, groupFiles.get(SELECTOR_GROUP), request.selector(), knownAt);
            try (PreparedStatement insert = duck.prepareStatement("INSERT INTO entities VALUES (?, ?)")) {
                for (Entity entity : entities) {
                    insert.setString(1, entity.recordId());
                    insert.setTimestamp(2, Timestamp.from(entity.asOf()));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            StringBuilder query = new StringBuilder("SELECT e.record_id AS product_id, e.as_of");
            StringBuilder joins = new StringBuilder(" FROM entities e");
            int g = 0;
            for (Map.Entry<String, Path> group : groupFiles.entrySet()) {
                String alias = "g" + g++;
                query.append(", ").append(alias).append(".* EXCLUDE (entity_record_id, entity_as_of, ")
                        .append(String.join(", ", systemColumns(sql, group.getValue()))).append(')');
                joins.append(" LEFT JOIN (").append(ParquetOfflineStore.pointInTimeSql(group.getValue(), definitionsHash))
                        .append(") ").append(alias).append(" ON ").append(alias).append(".entity_record_id = e.record_id AND ")
                        .append(alias).append(".entity_as_of = e.as_of");
            }
            out = Files.createTempFile("training-set-", ".parquet");
            String select = query.append(joins).append(" ORDER BY e.record_id, e.as_of").toString();
            sql.execute("CREATE TABLE training AS " + select.replace("?", "TIMESTAMP '" + timestamp(knownAt) + "'"));
            List<String> columns = new ArrayList<>();
            try (ResultSet described = sql.executeQuery("SELECT column_name FROM (DESCRIBE training)")) {
                while (described.next()) {
                    columns.add(described.getString(1));
                }
            }
            long rows;
            try (ResultSet count = sql.executeQuery("SELECT count(*) FROM training")) {
                count.next();
                rows = count.getLong(1);
            }
            sql.execute("COPY (SELECT * FROM training ORDER BY product_id, as_of) TO '"
                    + out.toAbsolutePath().toString().replace("'", "''") + "' (FORMAT PARQUET, COMPRESSION ZSTD)");
            String sha = sha256(out);
            String id = sha.substring(0, 16);
            String key = ROOT + id + "/training-set.parquet";
            if (store.head(key).isEmpty()) {
                store.put(key, out, "application/vnd.apache.parquet");
            }
            List<String> syncs = store.list("features/sync/").stream().map(ObjectSummary::key).sorted().toList();
            double seconds = (System.nanoTime() - t0) / 1e9;
            TrainingSet set = new TrainingSet(id, key, sha, rows, knownAt, catalog.version(), syncs,
                    columns, seconds, definitionsHash, dataset);
            store.put(ROOT + id + "/manifest.json", json.writeValueAsBytes(set), "application/json");
            log.info("training set {}: {} rows x {} columns in {} s (sha256 {})", id, rows, columns.size(),
                    String.format("%.2f", seconds), sha.substring(0, 12));
            return set;
        } catch (SQLException e) {
            throw new IllegalStateException("building the training set failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException ignored) {
                    // temp file; the OS cleans it
                }
            }
        }
    }

    /** The offline store's own columns present in a group's files (files written before a column existed lack it). */
    private static List<String> systemColumns(Statement sql, Path files) throws SQLException {
        List<String> present = new ArrayList<>();
        try (ResultSet described = sql.executeQuery("SELECT column_name FROM (DESCRIBE SELECT * FROM "
                + ParquetOfflineStore.scan(files) + ")")) {
            while (described.next()) {
                if (ParquetOfflineStore.SYSTEM_COLUMNS.contains(described.getString(1))) {
                    present.add(described.getString(1));
                }
            }
        }
        return present;
    }

    /** Launches in the selector's range, as of their launch, from the product-attributes group. */
    private List<Entity> selected(Connection duck, Path attributes, TrainingSetRequest.LaunchSelector selector,
            Instant knownAt) throws SQLException {
        if (attributes == null) {
            throw new NoFeaturesException("no product attributes in the offline store: nothing to select launches from");
        }
        List<Entity> entities = new ArrayList<>();
        try (PreparedStatement query = duck.prepareStatement("SELECT DISTINCT record_id, event_time FROM "
                + ParquetOfflineStore.scan(attributes) + " WHERE event_time >= ? AND event_time < ? AND write_time <= ? "
                + "AND NOT is_deleted ORDER BY record_id, event_time")) {
            query.setTimestamp(1, Timestamp.from(selector.launchedFrom().atStartOfDay(ZoneOffset.UTC).toInstant()));
            query.setTimestamp(2, Timestamp.from(selector.launchedTo().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
            query.setTimestamp(3, Timestamp.from(knownAt));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    entities.add(new Entity(rows.getString(1), rows.getTimestamp(2).toInstant()));
                }
            }
        }
        return entities;
    }

    /** The file's SHA-256, streamed: a training set of a million launches is hundreds of megabytes. */
    private static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC).toLocalDateTime().toString().replace('T', ' ');
    }
}

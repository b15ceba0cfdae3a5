package io.launchcast.feature.offline;

import io.launchcast.feature.group.FeatureRecord;
import io.launchcast.platform.objectstore.ObjectStore;
import io.launchcast.platform.objectstore.ObjectStoreMirror;
import io.launchcast.platform.objectstore.ObjectSummary;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The offline store as Parquet in the object store, under {@code features/offline/<group>/year=YYYY/month=M/}
 * (event-time partitions, the layout SageMaker Feature Store's offline store uses at day/hour granularity;
 * month granularity keeps a backfill of years of launches to a few dozen files). Every row carries
 * {@code record_id}, {@code event_time}, {@code write_time}, {@code api_invocation_time} and {@code is_deleted}
 * next to its features, and {@code definitions_hash}: the feature definitions the values were computed with (one
 * store can hold the same launches under several definitions, e.g. a model's own horizon and attributes). Files
 * are immutable; readers mirror them to a local cache and query them with DuckDB.
 */
public class ParquetOfflineStore implements OfflineStore {

    static final String ROOT = "features/offline/";
    /** The columns every row carries besides its features. */
    public static final Set<String> SYSTEM_COLUMNS = Set.of("record_id", "event_time", "write_time",
            "api_invocation_time", "is_deleted", "year", "month", "definitions_hash");
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern BATCH = Pattern.compile("[A-Za-z0-9-]{1,100}");

    private final ObjectStore store;
    private final Path cache;

    public ParquetOfflineStore(ObjectStore store, Path cache) {
        this.store = store;
        this.cache = cache;
    }

    @Override
    public void append(String group, Collection<FeatureRecord> records, Instant writeTime, String definitionsHash,
            String batch) {
        if (!BATCH.matcher(batch).matches()) {
            throw new IllegalArgumentException("not a batch name: " + batch);
        }
        if (records.isEmpty()) {
            return;
        }
        Set<String> features = new TreeSet<>();
        Map<String, Boolean> isString = new LinkedHashMap<>();
        for (FeatureRecord record : records) {
            record.values().forEach((name, value) -> {
                features.add(name);
                isString.merge(name, value instanceof String, (a, b) -> a || b);
            });
        }
        Path staging = null;
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement sql = duck.createStatement()) {
            staging = Files.createTempDirectory("offline-append-");
            StringBuilder create = new StringBuilder("CREATE TABLE rows (record_id VARCHAR, event_time TIMESTAMP, "
                    + "write_time TIMESTAMP, api_invocation_time TIMESTAMP, is_deleted BOOLEAN, year INTEGER, month INTEGER, "
                    + "definitions_hash VARCHAR");
            for (String feature : features) {
                create.append(", ").append(quote(feature)).append(isString.get(feature) ? " VARCHAR" : " DOUBLE");
            }
            sql.execute(create.append(')').toString());
            // DuckDB's appender: a prepared INSERT per row cost more than computing the features
            try (DuckDBAppender rows = duck.unwrap(DuckDBConnection.class).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "rows")) {
                // the values a prepared statement's setTimestamp stored (the JVM zone's wall clock), which every
                // reader of the store compares with; partitions are by the UTC date, as before
                LocalDateTime written = Timestamp.from(writeTime).toLocalDateTime();
                for (FeatureRecord record : records) {
                    var eventDate = record.eventTime().atOffset(ZoneOffset.UTC);
                    rows.beginRow().append(record.recordId()).append(Timestamp.from(record.eventTime()).toLocalDateTime())
                            .append(written).append(written).append(false).append(eventDate.getYear())
                            .append(eventDate.getMonthValue()).append(definitionsHash);
                    for (String feature : features) {
                        Object value = record.values().get(feature);
                        if (value == null) {
                            rows.appendNull();
                        } else if (isString.get(feature)) {
                            rows.append(value.toString());
                        } else {
                            rows.append(((Number) value).doubleValue());
                        }
                    }
                    rows.endRow();
                }
            }
            sql.execute("COPY (SELECT * FROM rows ORDER BY record_id, event_time) TO '" + literal(staging)
                    + "' (FORMAT PARQUET, COMPRESSION ZSTD, PARTITION_BY (year, month), OVERWRITE_OR_IGNORE, "
                    + "FILENAME_PATTERN 'part-" + batch + "-{i}')");
            Path root = staging;
            try (Stream<Path> files = Files.walk(staging)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    String relative = root.relativize(file).toString().replace('\\', '/');
                    store.put(ROOT + group + "/" + relative, file, "application/vnd.apache.parquet");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("writing " + records.size() + " records of " + group + " failed: "
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(staging);
        }
    }

    @Override
    public void discardBatches(String group, String batchPrefix) {
        if (!BATCH.matcher(batchPrefix).matches()) {
            throw new IllegalArgumentException("not a batch name: " + batchPrefix);
        }
        for (ObjectSummary object : store.list(ROOT + group + "/")) {
            String name = object.key().substring(object.key().lastIndexOf('/') + 1);
            if (name.startsWith("part-" + batchPrefix)) {
                store.delete(object.key());
            }
        }
    }

    @Override
    public Map<Entity, FeatureRecord> pointInTime(String group, List<Entity> entities, Instant knownAt) {
        Path files = localFiles(group);
        Map<Entity, FeatureRecord> found = new LinkedHashMap<>();
        if (files == null || entities.isEmpty()) {
            return found;
        }
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement sql = duck.createStatement()) {
            sql.execute("CREATE TABLE entities (record_id VARCHAR, as_of TIMESTAMP)");
            try (PreparedStatement insert = duck.prepareStatement("INSERT INTO entities VALUES (?, ?)")) {
                for (Entity entity : entities) {
                    insert.setString(1, entity.recordId());
                    insert.setTimestamp(2, Timestamp.from(entity.asOf()));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            try (PreparedStatement query = duck.prepareStatement(pointInTimeSql(files, null))) {
                query.setTimestamp(1, Timestamp.from(knownAt));
                try (ResultSet rows = query.executeQuery()) {
                    ResultSetMetaData meta = rows.getMetaData();
                    while (rows.next()) {
                        Map<String, Object> values = new LinkedHashMap<>();
                        for (int c = 1; c <= meta.getColumnCount(); c++) {
                            String name = meta.getColumnName(c);
                            Object value = rows.getObject(c);
                            if (!SYSTEM_COLUMNS.contains(name) && !name.startsWith("entity_") && value != null) {
                                values.put(name, value instanceof Number n ? n.doubleValue() : value.toString());
                            }
                        }
                        Entity entity = new Entity(rows.getString("entity_record_id"),
                                rows.getTimestamp("entity_as_of").toInstant());
                        found.put(entity, new FeatureRecord(entity.recordId(),
                                rows.getTimestamp("event_time").toInstant(), values));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("point-in-time query on " + group + " failed: " + e.getMessage(), e);
        }
        return found;
    }

    /**
     * Per entity, the latest qualifying row: event time not after the entity's as-of, write time not after the
     * known-at parameter (the one placeholder); ties on event time go to the latest write (a correction).
     *
     * @param definitionsHash only rows computed with these definitions; null: rows of any definitions
     */
    public static String pointInTimeSql(Path files, String definitionsHash) {
        if (definitionsHash != null && !HASH.matcher(definitionsHash).matches()) {
            throw new IllegalArgumentException("not a definitions hash: " + definitionsHash);
        }
        String definitions = definitionsHash == null ? "" : " AND f.definitions_hash = '" + definitionsHash + "'";
        return "SELECT * EXCLUDE (rn) FROM (SELECT e.record_id AS entity_record_id, e.as_of AS entity_as_of, f.*, "
                + "row_number() OVER (PARTITION BY e.record_id, e.as_of ORDER BY f.event_time DESC, f.write_time DESC) AS rn "
                + "FROM entities e JOIN " + scan(files) + " f ON f.record_id = e.record_id "
                + "AND f.event_time <= e.as_of AND f.write_time <= ? AND NOT f.is_deleted" + definitions + ") WHERE rn = 1 "
                + "ORDER BY entity_record_id, entity_as_of";
    }

    /** A DuckDB table expression over every Parquet file of a group's local mirror. */
    public static String scan(Path files) {
        return "read_parquet('" + literal(files) + "/**/*.parquet', hive_partitioning = true, union_by_name = true)";
    }

    @Override
    public Path localFiles(String group) {
        Path directory = cache.resolve(group);
        String prefix = ROOT + group + "/";
        ObjectStoreMirror.mirror(store, prefix, directory);
        Set<Path> stored = new HashSet<>();
        store.list(prefix).forEach(o -> stored.add(directory.resolve(o.key().substring(prefix.length())).normalize()));
        try (Stream<Path> files = Files.exists(directory) ? Files.walk(directory) : Stream.empty()) {
            // files of a discarded batch leave the mirror too: a reader must never see a row twice
            List<Path> parquet = files.filter(f -> f.toString().endsWith(".parquet")).toList();
            boolean any = false;
            for (Path file : parquet) {
                if (stored.contains(file.normalize())) {
                    any = true;
                } else {
                    Files.deleteIfExists(file);
                }
            }
            return any ? directory : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    static String literal(Path path) {
        return path.toAbsolutePath().toString().replace("'", "''");
    }

    private static void deleteQuietly(Path directory) {
        if (directory == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException ignored) {
            // a temp directory left behind is harmless; the OS cleans it
        }
    }
}

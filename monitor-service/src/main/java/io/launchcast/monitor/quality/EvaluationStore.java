package io.launchcast.monitor.quality;

import io.launchcast.platform.objectstore.ObjectStore;
import io.launchcast.platform.objectstore.ObjectSummary;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The evaluated forecast periods of one model group, on disk: a million products with twelve periods each are
 * twelve million evaluations, several GB as objects. The object store holds what is true, one Parquet file per
 * batch of changed evaluations ({@code <prefix>/<group>/batches/}, keys in arrival order); a DuckDB database in
 * the data directory is a copy of those batches applied in order, and every figure is a SQL aggregate over it.
 * The heap holds a staging appender's buffer and the aggregated rows, never the evaluations.
 *
 * <p>A batch is written to the object store before it is applied to the database; the database records which
 * batches it applied in the same transaction. So a crash between the two is repaired by {@link #catchUp()}, which
 * applies the batches the database misses, and a database that is not a copy of the store's batches (lost, or of
 * another store) is rebuilt from them. Batches of the earlier JSON format are read too.
 *
 * <p>DuckDB runs on one thread within a configured memory limit and spills to the data directory: the figures
 * are the same on every run (sums in one order) and a core stays free for everything else. Staged and changed
 * evaluations are tables of the database file, not temporary tables: those stay in memory, and at twelve million
 * rows they ran out of a 256 MiB limit (ADR 0118).
 * Changes (catching up, staging, applying) are not thread-safe: its owner serialises them; reads ({@link #totals}
 * and the other queries) may run meanwhile, each on its own connection and snapshot.
 */
final class EvaluationStore {

    private static final Logger log = LoggerFactory.getLogger(EvaluationStore.class);
    static final String NO_COHORT = "(none)";
    /** The region of a forecast asked for without one: the product's total over every region. */
    static final String ALL_REGIONS = "(all regions)";
    private static final String COLUMNS = "model_version VARCHAR, product_id VARCHAR, region VARCHAR, cohort VARCHAR, "
            + "period INTEGER, period_start DATE, inference_id VARCHAR, forecast_at TIMESTAMP, actual DOUBLE, "
            + "mean DOUBLE, quantiles MAP(VARCHAR, DOUBLE)";
    private static final String NAMES = "model_version, product_id, region, cohort, period, period_start, "
            + "inference_id, forecast_at, actual, mean, quantiles";
    private static final String PARQUET = "application/vnd.apache.parquet";

    /** What a breakdown groups by; each is a column of the aggregated rows, as text. */
    enum Dimension {
        MODEL_VERSION, COHORT, PERIOD, BUCKET, REGION
    }

    /** Which evaluations a figure covers: null fields do not restrict. */
    record Filter(String modelVersion, boolean versionGiven, String cohort, LocalDate startsAfter) {

        static final Filter ALL = new Filter(null, false, null, null);

        static Filter of(String modelVersion, String cohort) {
            return new Filter(modelVersion, modelVersion != null, cohort, null);
        }

        /** The periods of one version (possibly null: evaluations without a version) starting after a date. */
        static Filter recent(String modelVersion, LocalDate startsAfter) {
            return new Filter(modelVersion, true, null, startsAfter);
        }
    }

    /** The sums of one combination of dimension values; {@code values} holds null for dimensions not grouped. */
    record Grouped(Set<Dimension> dimensions, Map<Dimension, String> values, QualityFigures.Totals totals) {
    }

    private final ObjectStore store;
    private final JsonMapper json;
    private final String batches;
    private final Path database;
    private final Path work;
    private final Path spill;
    private final long memoryLimitMib;
    private final String bucketSql;
    private long lastBatchMillis;
    private volatile long generation;

    /**
     * @param batches the object store prefix of the group's batches
     * @param directory where the database, its spill files and staged batches live
     * @param memoryLimitMib DuckDB's memory limit
     * @param timeBucket how {@link Dimension#BUCKET} groups period starts
     */
    EvaluationStore(ObjectStore store, JsonMapper json, String batches, Path directory, long memoryLimitMib,
            QualityProperties.TimeBucket timeBucket) {
        this.store = store;
        this.json = json;
        this.batches = batches;
        this.database = directory.resolve("evaluations.duckdb");
        this.work = directory.resolve("work");
        this.spill = directory.resolve("spill");
        this.memoryLimitMib = memoryLimitMib;
        // DuckDB's weeks start on Monday (ISO), as the report's buckets do
        this.bucketSql = "CAST(date_trunc('" + (timeBucket == QualityProperties.TimeBucket.MONTH ? "month" : "week")
                + "', period_start) AS DATE)";
    }

    // ---------------------------------------------------------------- the copy of the store's batches

    /**
     * Applies the store's batches the database misses, in order; rebuilds the database from every batch when it
     * holds one the store does not, or misses one older than the newest it holds.
     *
     * @return the evaluations held afterwards
     */
    long catchUp() {
        List<String> keys = store.list(batches).stream().map(ObjectSummary::key)
                .filter(k -> k.endsWith(".parquet") || k.endsWith(".json")).sorted().toList();
        try (Connection connection = open(); Statement sql = connection.createStatement()) {
            List<String> applied = new ArrayList<>();
            try (ResultSet rows = sql.executeQuery("SELECT batch_key FROM applied_batches ORDER BY batch_key")) {
                while (rows.next()) {
                    applied.add(rows.getString(1));
                }
            }
            if (applied.size() > keys.size() || !keys.subList(0, applied.size()).equals(applied)) {
                log.warn("the evaluations in {} are not a copy of the batches under {}: rebuilt from them", database,
                        batches);
                sql.execute("DELETE FROM evaluations");
                sql.execute("DELETE FROM applied_batches");
                generation++;
                applied = List.of();
            }
            for (String key : keys.subList(applied.size(), keys.size())) {
                replay(connection, key);
            }
            if (!keys.isEmpty()) {
                lastBatchMillis = millisOf(keys.get(keys.size() - 1));
            }
            if (keys.size() > applied.size()) {
                log.info("evaluations under {}: {} batches applied from the object store", batches,
                        keys.size() - applied.size());
            }
            return count(sql);
        } catch (SQLException e) {
            throw failure("reading the evaluations of " + batches, e);
        }
    }

    private void replay(Connection connection, String key) throws SQLException {
        Path file = work.resolve("replay-" + UUID.randomUUID() + (key.endsWith(".json") ? ".json" : ".parquet"));
        try (Statement sql = connection.createStatement()) {
            try (InputStream in = store.open(key)) {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
            if (key.endsWith(".json")) {
                ForecastQuality.Batch legacy = json.readValue(file.toFile(), ForecastQuality.Batch.class);
                sql.execute("CREATE OR REPLACE TABLE changed (" + COLUMNS + ", seq BIGINT)");
                try (DuckDBAppender appender = appender(connection, "changed")) {
                    long seq = 0;
                    for (EvaluatedForecast e : legacy.evaluations()) {
                        append(appender, e, seq++);
                    }
                }
                sql.execute("ALTER TABLE changed DROP COLUMN seq");
            } else {
                sql.execute("CREATE OR REPLACE TABLE changed AS SELECT " + NAMES + " FROM read_parquet('"
                        + literal(file) + "')");
            }
            applyChanged(connection, key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read batch " + key, e);
        } finally {
            deleteQuietly(file);
        }
    }

    // ---------------------------------------------------------------- new evaluations

    /** How many evaluations a batch changed, and its key (null when none did). */
    record Applied(long changed, String key) {
    }

    /**
     * New evaluations, appended to a table on disk as they come; {@link #apply()} keeps those that are new or
     * differ from the ones held. The last of several with one key wins.
     */
    final class Staging implements Consumer<EvaluatedForecast>, AutoCloseable {

        private final Connection connection;
        private DuckDBAppender appender;
        private long staged;

        private Staging() throws SQLException {
            connection = open();
            try (Statement sql = connection.createStatement()) {
                sql.execute("CREATE OR REPLACE TABLE incoming (" + COLUMNS + ", seq BIGINT)");
            }
            appender = appender(connection, "incoming");
        }

        @Override
        public void accept(EvaluatedForecast evaluation) {
            try {
                append(appender, evaluation, staged++);
            } catch (SQLException e) {
                throw failure("staging an evaluation of " + batches, e);
            }
        }

        /** Evaluations handed over so far. */
        long staged() {
            return staged;
        }

        /**
         * Writes the evaluations that are new or differ from those held as a batch to the object store, then
         * applies it to the database.
         */
        Applied apply(Instant now) {
            try (Statement sql = connection.createStatement()) {
                appender.close();
                appender = null;
                // the last of each key: a grouped max and a join, operators that spill to disk
                sql.execute("CREATE OR REPLACE TABLE changed AS SELECT i.* EXCLUDE (seq) FROM (SELECT incoming.* FROM "
                        + "incoming SEMI JOIN (SELECT max(seq) AS seq FROM incoming GROUP BY model_version, product_id, "
                        + "coalesce(region, ''), period_start) last ON incoming.seq = last.seq) i LEFT JOIN evaluations e ON "
                        + keyMatch("e", "i") + " WHERE e.product_id IS NULL OR e.cohort IS DISTINCT FROM i.cohort "
                        + "OR e.period <> i.period OR e.inference_id IS DISTINCT FROM i.inference_id "
                        + "OR e.forecast_at IS DISTINCT FROM i.forecast_at OR e.actual <> i.actual "
                        + "OR e.mean <> i.mean OR e.quantiles IS DISTINCT FROM i.quantiles");
                sql.execute("DROP TABLE incoming");
                long changed;
                try (ResultSet rows = sql.executeQuery("SELECT count(*) FROM changed")) {
                    rows.next();
                    changed = rows.getLong(1);
                }
                if (changed == 0) {
                    sql.execute("DROP TABLE changed");
                    return new Applied(0, null);
                }
                // keys sort in the order batches are applied, also when the clock steps back
                lastBatchMillis = Math.max(now.toEpochMilli(), lastBatchMillis + 1);
                String key = batches + String.format(Locale.ROOT, "%015d", lastBatchMillis) + "-"
                        + UUID.randomUUID().toString().replace("-", "").substring(0, 16) + ".parquet";
                Path file = work.resolve(key.substring(key.lastIndexOf('/') + 1));
                try {
                    sql.execute("COPY changed TO '" + literal(file) + "' (FORMAT PARQUET, COMPRESSION ZSTD)");
                    store.put(key, file, PARQUET);
                } finally {
                    deleteQuietly(file);
                }
                applyChanged(connection, key);
                return new Applied(changed, key);
            } catch (SQLException e) {
                throw failure("applying evaluations to " + batches, e);
            }
        }

        @Override
        public void close() {
            try {
                if (appender != null) {
                    appender.close();
                }
                connection.close();
            } catch (SQLException e) {
                throw failure("closing the staging of " + batches, e);
            }
        }
    }

    /** Opens a staging of new evaluations; the caller closes it. */
    Staging stage() {
        try {
            return new Staging();
        } catch (SQLException e) {
            throw failure("staging evaluations of " + batches, e);
        }
    }

    /**
     * How many times the evaluations changed since this object was made: figures read at one generation stay
     * true until the next.
     */
    long generation() {
        return generation;
    }

    /** Replaces the evaluations the table {@code changed} holds by key and records the batch, atomically. */
    private void applyChanged(Connection connection, String key) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement sql = connection.createStatement();
                PreparedStatement record = connection.prepareStatement("INSERT INTO applied_batches VALUES (?)")) {
            sql.execute("DELETE FROM evaluations e USING changed c WHERE " + keyMatch("e", "c"));
            sql.execute("INSERT INTO evaluations SELECT " + NAMES + " FROM changed");
            record.setString(1, key);
            record.execute();
            connection.commit();
            generation++; // after the commit: a reader that saw the old generation may hold newer figures, never older
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
        try (Statement sql = connection.createStatement()) {
            sql.execute("DROP TABLE changed");
        }
    }

    private static String keyMatch(String a, String b) {
        return String.format(Locale.ROOT, "%1$s.model_version IS NOT DISTINCT FROM %2$s.model_version AND "
                + "%1$s.product_id = %2$s.product_id AND coalesce(%1$s.region, '') = coalesce(%2$s.region, '') AND "
                + "%1$s.period_start = %2$s.period_start", a, b);
    }

    private static void append(DuckDBAppender appender, EvaluatedForecast e, long seq) throws SQLException {
        appender.beginRow();
        appendText(appender, e.modelVersion());
        appendText(appender, e.productId());
        appendText(appender, e.region());
        appendText(appender, e.cohort());
        appender.append(e.period()).append(e.periodStart());
        appendText(appender, e.inferenceId());
        if (e.forecastAt() == null) {
            appender.appendNull();
        } else {
            appender.append(LocalDateTime.ofInstant(e.forecastAt(), ZoneOffset.UTC));
        }
        // sorted, so that equal quantiles compare equal whatever order they came in
        appender.append(e.actual()).append(e.mean()).append(new TreeMap<>(e.quantiles())).append(seq);
        appender.endRow();
    }

    private static void appendText(DuckDBAppender appender, String value) throws SQLException {
        if (value == null) {
            appender.appendNull();
        } else {
            appender.append(value);
        }
    }

    // ---------------------------------------------------------------- figures

    /** Evaluations held. */
    long count() {
        try (Connection connection = open(); Statement sql = connection.createStatement()) {
            return count(sql);
        } catch (SQLException e) {
            throw failure("counting the evaluations of " + batches, e);
        }
    }

    private static long count(Statement sql) throws SQLException {
        try (ResultSet rows = sql.executeQuery("SELECT count(*) FROM evaluations")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /**
     * The latest period start of each model version's evaluations (the key null for evaluations without a
     * version), in one scan.
     */
    Map<String, LocalDate> latestPeriodStarts() {
        try (Connection connection = open(); Statement sql = connection.createStatement();
                ResultSet rows = sql.executeQuery("SELECT model_version, CAST(max(period_start) AS VARCHAR) FROM "
                        + "evaluations GROUP BY model_version")) {
            Map<String, LocalDate> latest = new HashMap<>();
            while (rows.next()) {
                latest.put(rows.getString(1), LocalDate.parse(rows.getString(2)));
            }
            return latest;
        } catch (SQLException e) {
            throw failure("reading the evaluations of " + batches, e);
        }
    }

    /**
     * The sums of the evaluations {@code filter} passes, per combination of values of each grouping set (an
     * empty set: all of them), in two scans: one for the sums, one for the quantile losses.
     *
     * @param lower the quantile label of the interval's lower end
     * @param upper the quantile label of the interval's upper end
     */
    List<Grouped> totals(Filter filter, List<Set<Dimension>> sets, String lower, String upper) {
        List<Object> parameters = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE true");
        if (filter.versionGiven()) {
            where.append(" AND model_version IS NOT DISTINCT FROM ?");
            parameters.add(filter.modelVersion());
        }
        if (filter.cohort() != null) {
            where.append(" AND coalesce(cohort, '" + NO_COHORT + "') = ?");
            parameters.add(filter.cohort());
        }
        if (filter.startsAfter() != null) {
            where.append(" AND period_start > ?");
            parameters.add(filter.startsAfter());
        }
        String base = "WITH ev AS (SELECT model_version AS d0, coalesce(cohort, '" + NO_COHORT + "') AS d1, "
                + "CAST(period AS VARCHAR) AS d2, CAST(" + bucketSql + " AS VARCHAR) AS d3, coalesce(region, '"
                + ALL_REGIONS + "') AS d4, actual, mean, quantiles FROM evaluations" + where + ") ";
        // GROUPING(...) may only name columns some set groups by; the others are selected as null
        List<Dimension> used = java.util.Arrays.stream(Dimension.values())
                .filter(d -> sets.stream().anyMatch(set -> set.contains(d))).toList();
        String grouping = used.isEmpty() ? "0" : "GROUPING(" + used.stream().map(d -> "d" + d.ordinal())
                .collect(Collectors.joining(", ")) + ")";
        String selected = java.util.Arrays.stream(Dimension.values())
                .map(d -> used.contains(d) ? "d" + d.ordinal() : "NULL").collect(Collectors.joining(", "));
        String groupingSets = sets.stream().map(set -> "(" + set.stream().map(d -> "d" + d.ordinal())
                .collect(Collectors.joining(", ")) + ")").collect(Collectors.joining(", "));
        String labelSets = sets.stream().map(set -> "(" + set.stream().map(d -> "d" + d.ordinal() + ", ")
                .collect(Collectors.joining()) + "label)").collect(Collectors.joining(", "));
        String sums = base + "SELECT " + grouping + ", " + selected + ", count(*), coalesce(fsum(actual), 0), "
                + "coalesce(fsum(mean), 0), coalesce(fsum(abs(actual - mean)), 0), count(*) FILTER (WHERE quantiles[?] IS NOT NULL AND quantiles[?] IS NOT NULL), "
                + "count(*) FILTER (WHERE quantiles[?] <= actual AND actual <= quantiles[?]) FROM ev GROUP BY GROUPING SETS ("
                + groupingSets + ")";
        // the quantile loss of the labels that name a level (p10 → 0.10); others are kept but not scored
        String losses = base + "SELECT " + grouping + ", " + selected + ", label, fsum(tau * greatest(actual - q, 0) "
                + "+ (1 - tau) * greatest(q - actual, 0)) FROM (SELECT d0, d1, d2, d3, d4, actual, e.key AS label, "
                + "e.value AS q, CAST(substr(e.key, 2) AS DOUBLE) / 100 AS tau FROM (SELECT *, unnest(map_entries(quantiles)) "
                + "AS e FROM ev) WHERE regexp_full_match(e.key, 'p\\d+(\\.\\d+)?') AND e.value IS NOT NULL) "
                + "GROUP BY GROUPING SETS (" + labelSets + ")";
        try (Connection connection = open()) {
            // both scans in one transaction: the same snapshot, also while a batch is applied meanwhile
            connection.setAutoCommit(false);
            Map<List<Object>, Map<String, Double>> lossByGroup = new HashMap<>();
            try (PreparedStatement statement = connection.prepareStatement(losses)) {
                bind(statement, parameters, 1);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        lossByGroup.computeIfAbsent(groupKey(rows), k -> new TreeMap<>())
                                .put(rows.getString(7), rows.getDouble(8));
                    }
                }
            }
            List<Grouped> grouped = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(sums)) {
                int next = bind(statement, parameters, 1);
                for (String label : List.of(lower, upper, lower, upper)) {
                    statement.setString(next++, label);
                }
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        List<Object> key = groupKey(rows);
                        Set<Dimension> dimensions = EnumSet.noneOf(Dimension.class);
                        Map<Dimension, String> values = new HashMap<>();
                        int rolledUp = rows.getInt(1);
                        for (int i = 0; i < used.size(); i++) {
                            Dimension d = used.get(i);
                            // GROUPING(...) sets a column's bit, the first one's highest, when it is rolled up
                            if ((rolledUp & (1 << (used.size() - 1 - i))) == 0) {
                                dimensions.add(d);
                                values.put(d, rows.getString(2 + d.ordinal()));
                            }
                        }
                        grouped.add(new Grouped(dimensions, values, new QualityFigures.Totals(rows.getLong(7),
                                rows.getDouble(8), rows.getDouble(9), rows.getDouble(10), rows.getLong(11),
                                rows.getLong(12), lossByGroup.getOrDefault(key, Map.of()))));
                    }
                }
            }
            connection.commit();
            return grouped;
        } catch (SQLException e) {
            throw failure("aggregating the evaluations of " + batches, e);
        }
    }

    private static List<Object> groupKey(ResultSet rows) throws SQLException {
        return java.util.Arrays.asList(rows.getInt(1), rows.getString(2), rows.getString(3), rows.getString(4),
                rows.getString(5), rows.getString(6));
    }

    private static int bind(PreparedStatement statement, List<Object> parameters, int first) throws SQLException {
        int next = first;
        for (Object value : parameters) {
            if (value instanceof LocalDate date) {
                statement.setObject(next++, date);
            } else {
                statement.setString(next++, (String) value);
            }
        }
        return next;
    }

    // ---------------------------------------------------------------- plumbing

    private Connection open() throws SQLException {
        try {
            Files.createDirectories(work);
            Files.createDirectories(spill);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + work, e);
        }
        Connection connection = DriverManager.getConnection("jdbc:duckdb:" + database);
        try (Statement sql = connection.createStatement()) {
            configure(sql, memoryLimitMib, spill);
            sql.execute("CREATE TABLE IF NOT EXISTS evaluations (" + COLUMNS + ")");
            sql.execute("CREATE TABLE IF NOT EXISTS applied_batches (batch_key VARCHAR)");
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    /** One thread, a memory limit, spilling to {@code spill}: how the monitor's quality work runs DuckDB. */
    static void configure(Statement sql, long memoryLimitMib, Path spill) throws SQLException {
        sql.execute("SET threads = 1");
        sql.execute("SET memory_limit = '" + memoryLimitMib + "MiB'");
        // connections open at once share one database, whose spill directory cannot change once used
        try (ResultSet current = sql.executeQuery("SELECT current_setting('temp_directory')")) {
            if (!current.next() || !spill.toAbsolutePath().toString().equals(current.getString(1))) {
                sql.execute("SET temp_directory = '" + literal(spill) + "'");
            }
        }
    }

    private static DuckDBAppender appender(Connection connection, String table) throws SQLException {
        return connection.unwrap(DuckDBConnection.class).createAppender(DuckDBConnection.DEFAULT_SCHEMA, table);
    }

    private static long millisOf(String key) {
        String name = key.substring(key.lastIndexOf('/') + 1);
        try {
            return Long.parseLong(name.substring(0, name.indexOf('-')));
        } catch (RuntimeException e) {
            return 0;
        }
    }

    static String literal(Path path) {
        return path.toAbsolutePath().toString().replace("'", "''");
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("cannot delete {}: {}", file, e.getMessage());
        }
    }

    private IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException(what + " failed: " + e.getMessage(), e);
    }
}

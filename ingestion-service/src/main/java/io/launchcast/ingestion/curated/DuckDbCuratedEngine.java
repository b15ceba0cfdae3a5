package io.launchcast.ingestion.curated;

import io.launchcast.ingestion.curated.Manifest.ColumnRef;
import io.launchcast.ingestion.mapping.Mapping;
import io.launchcast.ingestion.mapping.Mapping.Attribute;
import io.launchcast.ingestion.validation.CanonicalRows.ProductRow;
import io.launchcast.ingestion.validation.CanonicalRows.SalesRow;
import io.launchcast.ingestion.validation.CanonicalRows.SignalRow;
import io.launchcast.ingestion.validation.CanonicalRows.TransactionRow;
import io.launchcast.ingestion.validation.PlainSalesLane;
import io.launchcast.platform.schema.CanonicalSchemas;
import io.launchcast.platform.schema.ColumnType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.duckdb.DuckDBConnection;

/**
 * The local transformation engine. Accepted rows are streamed to staging files in the run's directory (so a
 * run's size is bounded by disk, never by the JVM heap), which an in-process DuckDB reads as the views
 * {@code <table>_stage}; {@link TransformDefinition} turns them into the curated tables (DuckDB spilling to the
 * run's directory beyond its memory limit), and DuckDB writes those as zstd Parquet. One engine per run.
 */
public final class DuckDbCuratedEngine implements AutoCloseable {

    /** Curated tables in publication order, with the columns their Parquet files are partitioned by. */
    public static final Map<String, List<String>> PARTITIONS = Map.of(
            "products", List.of(),
            "sales", List.of("region", "period_year"),
            "signals", List.of("signal", "period_year"));
    public static final List<String> TABLES = List.of("products", "sales", "signals");

    /**
     * Row order inside the files of the small tables. Sales rows are written as the aggregation yields them: the
     * sort by period start cost 0.1 to 0.15 s of a 5 M-row run, and DuckDB's partitioned write on two threads
     * interleaved the sorted rows anyway, so that every row group of a partition spanned most of its year and
     * statistics pruned nothing inside the partition (docs/adr/0023).
     */
    private static final Map<String, String> ORDER = Map.of(
            "products", "product_id",
            "signals", "period_start");

    private final Mapping mapping;
    private final DuckDBConnection connection;
    private final StagingFile products;
    /** Whether a product was staged in more than one row ({@link #appendAnotherRegion}). */
    private boolean productsRepeat;
    private final StagingFile sales;
    /** Sales rows fast lanes accepted on the reading thread; read together with {@link #sales}. */
    private final StagingFile laneSales;
    private final StagingFile signals;
    /** Every accepted long sales row as it was, when the mapping derives launches or launch attributes; else null. */
    private final StagingFile transactions;
    private long transactionSeq;
    private Map<String, Long> ruleEffects = Map.of();

    /**
     * @param workDir the run's private directory
     * @param memoryLimit DuckDB's memory limit, e.g. {@code 1GB}; beyond it DuckDB spills to {@code workDir}
     * @param threads DuckDB worker threads
     */
    public DuckDbCuratedEngine(Mapping mapping, Path workDir, String memoryLimit, int threads) {
        this.mapping = mapping;
        try {
            Files.createDirectories(workDir);
            // in-memory database: no write-ahead log or checkpoints on the hot path; beyond memory_limit DuckDB
            // spills to temp_directory, so a run's size is still bounded by disk, not by memory
            connection = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
            try (Statement s = connection.createStatement()) {
                for (String setting : settings(memoryLimit, threads, workDir)) {
                    s.execute(setting);
                }
            }
            products = new StagingFile(workDir.resolve("products_stage.csv"), productColumns().stream()
                    .map(c -> new StagingFile.Column(c.name(), sqlType(c.type()))).toList());
            List<StagingFile.Column> salesColumns = List.of(
                    new StagingFile.Column("product_id", "VARCHAR"), new StagingFile.Column("region", "VARCHAR"),
                    new StagingFile.Column("period_start", "DATE"), new StagingFile.Column("units", "BIGINT"));
            sales = new StagingFile(workDir.resolve("sales_stage.csv"), salesColumns);
            laneSales = new StagingFile(workDir.resolve("sales_lane.csv"), salesColumns);
            signals = new StagingFile(workDir.resolve("signals_stage.csv"), List.of(
                    new StagingFile.Column("signal", "VARCHAR"), new StagingFile.Column("term", "VARCHAR"),
                    new StagingFile.Column("period_start", "DATE"), new StagingFile.Column("value", "DOUBLE")));
            if (mapping.keepsTransactions()) {
                List<StagingFile.Column> columns = new ArrayList<>(List.of(
                        new StagingFile.Column("product_id", "VARCHAR"), new StagingFile.Column("day", "DATE"),
                        new StagingFile.Column("sold_at", "BIGINT"), new StagingFile.Column("seq", "BIGINT"),
                        new StagingFile.Column("period_start", "DATE"), new StagingFile.Column("units", "BIGINT")));
                LaunchRules.valueColumns(mapping).forEach(c -> columns.add(new StagingFile.Column(c, "VARCHAR")));
                transactions = new StagingFile(workDir.resolve("transactions_stage.csv"), columns);
            } else {
                transactions = null;
            }
        } catch (SQLException | IOException e) {
            throw new CuratedWriteException("cannot open the staging database", e);
        }
    }

    /**
     * The settings a run's DuckDB gets (memory limit, threads, spill directory, no insertion order), as SET
     * statements; the benchmark gives DuckDB's own conversion the same ones.
     */
    public static List<String> settings(String memoryLimit, int threads, Path workDir) {
        return List.of("SET memory_limit = '" + memoryLimit.replace("'", "") + "'",
                "SET threads = " + Math.max(1, threads),
                "SET temp_directory = '" + workDir.resolve("spill").toString().replace("'", "''") + "'",
                "SET preserve_insertion_order = false");
    }

    /** The products table's columns: the canonical ones, then {@code attr_<name>} per declared attribute. */
    public List<ColumnRef> productColumns() {
        List<ColumnRef> columns = new ArrayList<>();
        CanonicalSchemas.PRODUCTS.columns().forEach(c -> columns.add(new ColumnRef(c.name(), c.type().name())));
        for (Attribute attribute : mapping.attributes().values()) {
            columns.add(new ColumnRef(CanonicalSchemas.ATTRIBUTE_PREFIX + attribute.name(), attribute.type().name()));
        }
        return columns;
    }

    /**
     * Stages another region's row of a product staged before (a file with a row per product and store): the
     * product's staged rows are one product once staging ends, launched at the earliest of their launch dates, at
     * the median of their prices (a store's opening week and its price may differ from the others').
     */
    public void appendAnotherRegion(ProductRow row) {
        productsRepeat = true;
        append(row);
    }

    public void append(ProductRow row) {
        products.string(row.productId());
        if (row.launchDate() == null) {
            products.nothing(); // launches from first sales: set by LaunchRules
        } else {
            products.epochDays(row.launchDate().toEpochDay());
        }
        products.string(row.region()).decimal(row.price()).string(row.split());
        for (Object value : row.attributes()) {
            if (value == null) {
                products.nothing();
            } else if (value instanceof Long l) {
                products.integer(l);
            } else if (value instanceof Double d) {
                products.decimal(d);
            } else if (value instanceof LocalDate date) {
                products.epochDays(date.toEpochDay());
            } else {
                products.string(value.toString());
            }
        }
        products.endRow();
    }

    public void append(SalesRow row) {
        sales.string(row.productId()).string(row.region()).epochDays(row.periodStart().toEpochDay())
                .integer(row.units()).endRow();
    }

    /** A long sales row as it was, numbered in the order rows are read (ties of "first" and "most frequent"). */
    public void append(TransactionRow row) {
        transactions.string(row.productId()).epochDays(row.day().toEpochDay()).integer(row.second())
                .integer(transactionSeq++).epochDays(row.periodStart().toEpochDay()).integer(row.units());
        for (String value : row.values()) {
            transactions.string(value);
        }
        transactions.endRow();
    }

    public void append(SignalRow row) {
        signals.string(row.signal()).string(row.term()).epochDays(row.periodStart().toEpochDay())
                .decimal(row.value()).endRow();
    }

    /**
     * Where a fast lane stages the sales rows it accepts ({@link PlainSalesLane}): a file of its own, as the lane
     * runs on the reading thread while rows of the record path are staged on the run's; the same encoding. One
     * lane at a time (sources are read one after the other).
     */
    public PlainSalesLane.Stage laneStage() {
        return (line, productFrom, productTo, region, regionFrom, regionTo, periodStart, units) -> laneSales
                .plain(line, productFrom, productTo).plain(region, regionFrom, regionTo).epochDays(periodStart)
                .integer(units).endRow();
    }

    /**
     * Ends staging (idempotent; once the reading threads have ended): the staged files become the relations
     * {@code <table>_stage} the definition reads, views over the files or ({@code load}) tables loaded from them.
     * Loading first is faster when the rows are transformed here: DuckDB parses the files into a table and then
     * aggregates the table in about 0.9 s for the bench's 5 M sales rows, against 1.15 to 1.2 s for aggregating
     * straight from the parsed files (docs/adr/0023).
     */
    private void closeStaging(Statement s, boolean load) throws SQLException {
        laneSales.close();
        for (var entry : Map.of("products", products, "sales", sales, "signals", signals).entrySet()) {
            entry.getValue().close();
            String view = entry.getValue().view();
            if (entry.getValue() == products && productsRepeat) {
                view = "SELECT * REPLACE (min(launch_date) OVER product AS launch_date, median(price) OVER product AS"
                        + " price) FROM (" + view + ") WINDOW product AS (PARTITION BY product_id)"
                        + " QUALIFY row_number() OVER product = 1";
            }
            if (entry.getValue() == sales && laneSales.rows() > 0) {
                view += " UNION ALL " + laneSales.view();
            }
            s.execute("CREATE OR REPLACE " + (load ? "TABLE " : "VIEW ") + entry.getKey() + "_stage AS " + view);
        }
        if (transactions != null) {
            transactions.close();
            s.execute("CREATE OR REPLACE TABLE transactions_stage AS " + transactions.view());
        }
    }

    /**
     * Writes the staged rows as Parquet for a transformation job elsewhere ({@code <table>/part-0.parquet}
     * under {@code dir}, the staging layout of docs/adr/0006). Returns the files, relative to {@code dir}.
     */
    public List<Path> exportStaging(Path dir) {
        try (Statement s = connection.createStatement()) {
            closeStaging(s, false);
            List<Path> files = new ArrayList<>();
            for (String table : TABLES) {
                Path file = Path.of(table, "part-0.parquet");
                Files.createDirectories(dir.resolve(table));
                s.execute("COPY (SELECT * FROM " + table + "_stage) TO '" + dir.resolve(file).toString()
                        .replace("'", "''") + "' (FORMAT parquet, COMPRESSION zstd)");
                files.add(file);
            }
            return files;
        } catch (SQLException e) {
            throw new CuratedWriteException("cannot export the staged rows: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs the transformation and measures its result: row counts, columns and the content hash. The hash is
     * computed from the rows (an order-independent XOR of per-row hashes, each table's rows being unique by
     * key), so it does not depend on Parquet encoding, thread count or row order.
     */
    public Transformed transform(TransformDefinition definition) {
        try (Statement s = connection.createStatement()) {
            closeStaging(s, true);
            for (String table : TABLES) {
                s.execute("CREATE TABLE " + table + "_out AS " + definition.select(table));
            }
            ruleEffects = LaunchRules.apply(s, mapping, transactions != null);
            return measure(s);
        } catch (SQLException e) {
            throw new CuratedWriteException("the transformation failed: " + e.getMessage(), e);
        }
    }

    /**
     * Takes the curated tables a transformation job wrote elsewhere (Parquet under {@code dir/<table>/},
     * hive-partitioned or not) instead of transforming here, and measures them like {@link #transform}. Each
     * column is cast to the type the definition yields here, so equal rows give the content hash an
     * in-process run gives, whichever engine wrote them.
     *
     * @throws CuratedWriteException if a table with staged rows has no file, or the files do not fit
     */
    public Transformed adopt(Path dir, TransformDefinition definition) {
        try (Statement s = connection.createStatement()) {
            closeStaging(s, false);
            for (String table : TABLES) {
                List<ColumnRef> expected = describe(s, definition.select(table));
                boolean hasFiles;
                try (Stream<Path> files = Files.walk(dir.resolve(table))) {
                    hasFiles = files.anyMatch(f -> f.toString().endsWith(".parquet"));
                } catch (java.nio.file.NoSuchFileException e) {
                    hasFiles = false;
                }
                String select;
                if (hasFiles) {
                    select = expected.stream().map(c -> "CAST(" + quote(c.name()) + " AS " + c.type() + ") AS "
                            + quote(c.name())).collect(Collectors.joining(", ", "SELECT ", " FROM read_parquet('"
                            + dir.resolve(table).resolve("**").resolve("*.parquet").toString().replace("'", "''")
                            + "', hive_partitioning = true, union_by_name = true)"));
                } else if (count(s, table + "_stage") == 0) {
                    select = "SELECT * FROM (" + definition.select(table) + ") LIMIT 0";
                } else {
                    throw new CuratedWriteException("the transformation job wrote no " + table + " files although "
                            + table + " rows were staged", null);
                }
                s.execute("CREATE TABLE " + table + "_out AS " + select);
            }
            ruleEffects = LaunchRules.apply(s, mapping, transactions != null);
            return measure(s);
        } catch (SQLException e) {
            throw new CuratedWriteException("cannot read the transformation job's output: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Transformed measure(Statement s) throws SQLException {
        Map<String, Long> rows = new LinkedHashMap<>();
        Map<String, List<ColumnRef>> columns = new LinkedHashMap<>();
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
        digest.update(("schema=" + CanonicalSchemas.VERSION + "\nperiod=" + mapping.period().id() + "\nanchor="
                + mapping.periodAnchor() + "\n").getBytes(StandardCharsets.UTF_8));
        for (String table : TABLES) {
            List<ColumnRef> tableColumns = describe(s, table + "_out");
            columns.put(table, tableColumns);
            // DuckDB's hash() of the row's values, XORed over the rows: one scan of about 0.05 s for the bench's
            // 2.9 M sales rows, where an MD5 of each row's text took 0.27 s (docs/adr/0023)
            String row = tableColumns.stream().map(c -> quote(c.name()))
                    .collect(Collectors.joining(", ", "hash(", ")"));
            try (ResultSet r = s.executeQuery("SELECT count(*), CAST(coalesce(bit_xor(" + row + "), 0) AS VARCHAR) FROM "
                    + table + "_out")) {
                r.next();
                rows.put(table, r.getLong(1));
                digest.update((table + ":" + tableColumns + ":" + r.getLong(1) + ":" + r.getString(2) + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
        }
        return new Transformed(HexFormat.of().formatHex(digest.digest()), rows, columns, ruleEffects);
    }

    private static long count(Statement s, String table) throws SQLException {
        try (ResultSet r = s.executeQuery("SELECT count(*) FROM " + table)) {
            r.next();
            return r.getLong(1);
        }
    }

    /**
     * Writes the transformed tables as Parquet under {@code outDir/<table>/}, hive-partitioned ({@link #ORDER}
     * for the order of rows). Returns every file written, relative to {@code outDir}.
     */
    public List<Path> writeParquet(Path outDir) {
        try (Statement s = connection.createStatement()) {
            for (String table : TABLES) {
                Path dir = outDir.resolve(table);
                Files.createDirectories(dir);
                List<String> partitions = PARTITIONS.get(table);
                String select = "SELECT * FROM " + table + "_out"
                        + (ORDER.containsKey(table) ? " ORDER BY " + ORDER.get(table) : "");
                String options = partitions.isEmpty()
                        ? "FORMAT parquet, COMPRESSION zstd"
                        : "FORMAT parquet, COMPRESSION zstd, PARTITION_BY (" + String.join(", ", partitions)
                                + "), FILENAME_PATTERN 'part-{i}', OVERWRITE_OR_IGNORE";
                String target = partitions.isEmpty() ? dir.resolve("part-0.parquet").toString() : dir.toString();
                if (count(s, table + "_out") > 0 || partitions.isEmpty()) {
                    s.execute("COPY (" + select + ") TO '" + target.replace("'", "''") + "' (" + options + ")");
                }
            }
            try (Stream<Path> files = Files.walk(outDir)) {
                return files.filter(Files::isRegularFile).map(outDir::relativize).sorted().toList();
            }
        } catch (SQLException e) {
            throw new CuratedWriteException("cannot write Parquet: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<ColumnRef> describe(Statement s, String table) throws SQLException {
        List<ColumnRef> columns = new ArrayList<>();
        try (ResultSet r = s.executeQuery("DESCRIBE " + table)) {
            while (r.next()) {
                columns.add(new ColumnRef(r.getString("column_name"), r.getString("column_type")));
            }
        }
        return columns;
    }

    static String sqlType(String type) {
        return switch (ColumnType.valueOf(type)) {
            case STRING -> "VARCHAR";
            case INTEGER -> "BIGINT";
            case DOUBLE -> "DOUBLE";
            case DATE -> "DATE";
            case TIMESTAMP -> "TIMESTAMP";
        };
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    @Override
    public void close() {
        List<StagingFile> files = new ArrayList<>(List.of(products, sales, laneSales, signals));
        if (transactions != null) {
            files.add(transactions);
        }
        for (StagingFile file : files) {
            try {
                file.close();
            } catch (RuntimeException e) {
                // a run that failed while staging: the run directory is removed by the caller
            }
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // an in-memory database: nothing remains to clean up
        }
    }

    /**
     * What the transformation produced: content hash, rows per table, each table's columns (SQL types) and what
     * each of the mapping's rules did ({@link LaunchRules}).
     */
    public record Transformed(String contentHash, Map<String, Long> rows, Map<String, List<ColumnRef>> columns,
            Map<String, Long> rules) {
    }
}

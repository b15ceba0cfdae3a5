package io.launchcast.feature.bench;

import io.launchcast.feature.group.FeatureGroupCatalog;
import io.launchcast.feature.offline.ParquetOfflineStore;
import io.launchcast.feature.online.Compaction;
import io.launchcast.feature.online.local.MvStoreOnlineStore;
import io.launchcast.feature.sync.FeatureProperties;
import io.launchcast.feature.sync.FeatureSync;
import io.launchcast.feature.trainingset.TrainingSet;
import io.launchcast.feature.trainingset.TrainingSetBuilder;
import io.launchcast.feature.trainingset.TrainingSetRequest;
import io.launchcast.platform.objectstore.directory.DirectoryObjectStore;
import io.launchcast.platform.testing.HeapSampler;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.json.JsonMapper;

/**
 * Scale figures of issue 14 (a benchmark, not a test; {@code feature-service/bench-scale.sh} runs it in a JVM
 * with {@code -Xmx1g}): generates a curated dataset version of {@code products} products (default 1,000,000; then the number of distinct launch dates, default 3 x 364,
 * products per sync chunk, default 20,000, days between launch dates, default 1, and a work directory),
 * 12 weekly sales rows each and three attributes, in the layout ingestion publishes (sales partitioned by region
 * and year, manifest last), then times a feature sync into the offline and online stores and a training set of
 * every launch of the version, printing wall time, products per second and peak heap per phase.
 *
 * <p>System property {@code bench.phases} (default {@code generate,sync,compaction,training-set}) runs only some phases, e.g.
 * {@code generate} to leave a version for another service's bench without syncing it.
 *
 * <p>The generate phase writes the curated Parquet with DuckDB, not through the ingestion mapping: services never
 * depend on each other's jars. {@code bench/scale.sh} instead ingests a generated project folder through its mapping
 * into the work directory and runs this bench without the generate phase on that version, named by the system
 * properties {@code bench.dataset} and {@code bench.version} (default: the generated {@code bench}, {@code 1}).
 */
public final class FeatureSyncBench {

    private static final String DATASET = System.getProperty("bench.dataset", "bench");
    private static final String VERSION = System.getProperty("bench.version", "1");

    private FeatureSyncBench() {
    }

    public static void main(String[] args) throws Exception {
        int products = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        // launches spread over this many consecutive days: each distinct launch date is a state of knowledge
        int launchDays = args.length > 1 ? Integer.parseInt(args[1]) : 3 * 364;
        int chunk = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        // days between two launch dates: 1 launches every day, 7 every week (a sync's cost grows with the dates)
        int launchStep = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        Path dir = args.length > 4 ? Path.of(args[4]) : Files.createTempDirectory("feature-sync-bench-");
        System.out.printf(Locale.ROOT, "max heap %d MiB, %d processors, load %.2f; work in %s%n",
                Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors(), load(), dir);
        DirectoryObjectStore store = new DirectoryObjectStore(dir.resolve("store"));
        List<String> phases = List.of(System.getProperty("bench.phases", "generate,sync,compaction,training-set").split(","));
        if (phases.contains("generate")) phase("generate", products, () -> {
            generate(store, dir.resolve("generated"), products, launchDays, launchStep);
            return products + " products, " + 12L * products + " sales rows";
        });
        if (phases.equals(List.of("generate"))) {
            return;
        }
        JsonMapper json = JsonMapper.builder().build();
        FeatureGroupCatalog catalog = FeatureGroupCatalog.load();
        ParquetOfflineStore offline = new ParquetOfflineStore(store, dir.resolve("offline-cache"));
        try (MvStoreOnlineStore online = new MvStoreOnlineStore(dir.resolve("online.mv.db"), json)) {
            FeatureSync sync = new FeatureSync(store, offline, online, catalog, new FeatureProperties(12, List.of(), chunk, 0),
                    event -> { }, json, dir.resolve("datasets"), Clock.systemUTC());
            if (phases.contains("sync")) phase("feature sync", products, () -> {
                FeatureSync.SyncReport report = sync.sync(DATASET, VERSION);
                return report.products() + " products, records per group " + report.recordsPerGroup();
            });
            // the sync's own compaction is off (0) so that its figures compare with earlier runs: timed on its own
            if (phases.contains("compaction")) phase("compaction", products, () -> {
                long before = online.fileSize();
                int fill = online.fillRate();
                Compaction c = online.compact(50);
                return String.format(Locale.ROOT, "%s: %d records, %,d -> %,d bytes, %d %% live before",
                        c.compacted() ? "compacted" : "not compacted", c.records(), before, online.fileSize(), fill);
            });
            TrainingSetBuilder builder = new TrainingSetBuilder(store, offline, catalog, sync, json, Clock.systemUTC());
            if (phases.contains("training-set")) phase("training set", products, () -> {
                TrainingSet set = builder.build(new TrainingSetRequest(null, null,
                        new TrainingSetRequest.LaunchesOf(DATASET, VERSION), null, null));
                return set.rows() + " rows x " + set.columns().size() + " columns";
            });
        }
    }

    /** A phase's work; may throw anything (a bench reports, it does not recover). */
    private interface Work {
        String run() throws Exception;
    }

    private static void phase(String name, int products, Work work) throws Exception {
        System.gc();
        HeapSampler heap = new HeapSampler();
        double loadBefore = load();
        long cpuBefore = cpuNanos();
        long start = System.nanoTime();
        String outcome;
        try (heap) {
            outcome = work.run();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        // CPU seconds of the whole process (GC and DuckDB threads included): what the phase costs whatever else runs
        double cpu = (cpuNanos() - cpuBefore) / 1e9;
        System.out.printf(Locale.ROOT, "%-13s %8.1f s wall, %8.1f s CPU %,10.0f products/s  heap used max %5d MiB, "
                + "after GC max %5d MiB  load %.2f -> %.2f  (%s)%n", name, seconds, cpu, products / seconds,
                heap.maxUsed >> 20, heap.maxAfterGc >> 20, loadBefore, load(), outcome);
    }

    /** The curated version: products, 12 weekly sales rows per product, weekly trend signals per attribute value. */
    static void generate(DirectoryObjectStore store, Path out, int products, int launchDays, int launchStep)
            throws Exception {
        LocalDate first = LocalDate.of(2021, 1, 4);
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement sql = duck.createStatement()) {
            sql.execute("SET preserve_insertion_order = false");
            sql.execute("CREATE TABLE products AS SELECT 'P' || lpad(cast(i AS VARCHAR), 7, '0') AS product_id, "
                    + "cast(DATE '" + first + "' + INTERVAL ((i % " + launchDays + ") * " + launchStep + ") DAY AS DATE) AS launch_date, "
                    + "['north','south','east','west'][1 + cast(hash(i, 'r') % 4 AS INTEGER)] AS region, "
                    + "cast(10 + cast(hash(i, 'p') % 90 AS INTEGER) AS DOUBLE) AS price, 'train' AS split, "
                    + "'category-' || (cast(hash(i, 'c') % 40 AS INTEGER)) AS attr_category, 'colour-' || (cast(hash(i, 'o') % 12 AS INTEGER)) AS attr_colour, "
                    + "'fabric-' || (cast(hash(i, 'f') % 25 AS INTEGER)) AS attr_fabric FROM range(" + products + ") t(i)");
            // a launch level per product and a decaying curve: integer units, as ingestion sums them per week
            sql.execute("CREATE TABLE sales AS SELECT p.product_id, p.region, "
                    + "cast(p.launch_date + INTERVAL (7 * h) DAY AS DATE) AS period_start, "
                    + "cast((1 + cast(hash(p.product_id) % 40 AS INTEGER)) * (14 - h) / 6 AS BIGINT) AS units, "
                    + "year(p.launch_date + INTERVAL (7 * h) DAY) AS period_year FROM products p, range(12) w(h)");
            sql.execute("CREATE TABLE signals AS SELECT 'trend' AS signal, term, "
                    + "cast(DATE '" + first.minusWeeks(52) + "' + INTERVAL (7 * w) DAY AS DATE) AS period_start, "
                    + "cast(30 + cast(hash(term, w) % 50 AS INTEGER) AS DOUBLE) AS value, "
                    + "year(DATE '" + first.minusWeeks(52) + "' + INTERVAL (7 * w) DAY) AS period_year "
                    + "FROM (SELECT DISTINCT attr_category AS term FROM products UNION SELECT DISTINCT attr_colour FROM products "
                    + "UNION SELECT DISTINCT attr_fabric FROM products) t, range(" + (52 + launchDays * launchStep / 7 + 14) + ") r(w)");
            Files.createDirectories(out.resolve("products"));
            sql.execute("COPY (SELECT * FROM products ORDER BY product_id) TO '" + out.resolve("products/part-0.parquet")
                    + "' (FORMAT parquet, COMPRESSION zstd)");
            sql.execute("COPY sales TO '" + out.resolve("sales") + "' (FORMAT parquet, COMPRESSION zstd, "
                    + "PARTITION_BY (region, period_year), FILENAME_PATTERN 'part-{i}', OVERWRITE_OR_IGNORE)");
            sql.execute("COPY (SELECT * FROM signals ORDER BY period_start) TO '" + out.resolve("signals")
                    + "' (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (signal, period_year), FILENAME_PATTERN 'part-{i}', "
                    + "OVERWRITE_OR_IGNORE)");
        }
        String prefix = "curated/" + DATASET + "/v=" + VERSION + "/";
        try (var files = Files.walk(out)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                store.put(prefix + out.relativize(file).toString().replace('\\', '/'), file, "application/vnd.apache.parquet");
            }
        }
        String manifest = "{\"dataset\":\"" + DATASET + "\",\"version\":\"" + VERSION + "\",\"period\":\"week\","
                + "\"periodAnchor\":\"launch_date\",\"attributes\":[{\"name\":\"category\",\"type\":\"string\"},"
                + "{\"name\":\"colour\",\"type\":\"string\"},{\"name\":\"fabric\",\"type\":\"string\"}],"
                + "\"contentHash\":\"sha256:bench\"}";
        store.put(prefix + "_manifest.json", manifest.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}

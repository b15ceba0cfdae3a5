package io.launchcast.ingestion.bench;

import io.launchcast.ingestion.catalog.local.InProcessTransformJobs;
import io.launchcast.ingestion.catalog.local.ManifestDatasetCatalog;
import io.launchcast.ingestion.curated.DatasetRepository;
import io.launchcast.ingestion.curated.DuckDbCuratedEngine;
import io.launchcast.ingestion.curated.Manifest;
import io.launchcast.platform.objectstore.directory.DirectoryObjectStore;
import io.launchcast.ingestion.mapping.MappingReader;
import io.launchcast.ingestion.mapping.MappingRepository;
import io.launchcast.ingestion.run.IngestionJob;
import io.launchcast.ingestion.run.IngestionProperties;
import io.launchcast.ingestion.run.IngestionRequest;
import io.launchcast.ingestion.run.IngestionRun;
import io.launchcast.ingestion.run.IngestionService;
import io.launchcast.ingestion.run.RunRepository;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Benchmark command (not a test): generates a long-format sales CSV of N rows (default 5,000,000, about
 * 200 MB), ingests it through the real pipeline (mapping, validation, DuckDB staging, transformation,
 * Parquet, manifest) and runs DuckDB's own CSV-to-Parquet on the same file, then prints rows/s, wall time,
 * peak heap, output size and our throughput as a ratio of DuckDB's. Run it with {@code bench.sh}.
 */
public final class IngestionBenchmark {

    static final String MAPPING = """
            name: bench
            version: 1
            period: week
            attributes: {family: string}
            sources:
              - name: products
                files: [{match: products.csv}]
                products: {product-id: sku, launch-date: launched, attributes: {family: family}}
              - name: transactions
                files: [{match: sales.csv}]
                sales: {product-id: sku, region: region, date: day, units: qty}
            """;

    private IngestionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 5_000_000L;
        Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("launchcast-bench");
        // -Dbench.warmup=N: both sides first convert an N-row file (a JVM that has run before, a DuckDB whose
        // memory is already mapped), then the measured file; 0 measures both cold
        long warmupRows = Long.getLong("bench.warmup", 0);
        int products = 20_000;
        Path store = dir.resolve("store");
        Path landing = store.resolve("landing/bench");
        Files.createDirectories(landing);
        Path sales = landing.resolve("sales.csv");
        long generateStart = System.nanoTime();
        generate(landing.resolve("products.csv"), sales, rows, products);
        if (warmupRows > 0) {
            Path warmup = store.resolve("landing/warmup");
            Files.createDirectories(warmup);
            generate(warmup.resolve("products.csv"), warmup.resolve("sales.csv"), warmupRows, products);
        }
        long csvBytes = Files.size(sales);
        System.out.printf("generated %,d sales rows (%,.1f MB) and %,d products in %.1f s%n", rows, csvBytes / 1e6,
                products, seconds(generateStart));

        var properties = new IngestionProperties(List.of(), dir.resolve("work"), new IngestionProperties.DuckDb("1GB", 0),
                Duration.ofSeconds(2), 1000, Map.of(), false, 65536);
        var objectStore = new DirectoryObjectStore(store);
        var runs = new RunRepository(objectStore);
        var datasets = new DatasetRepository(objectStore);
        var job = new IngestionJob(objectStore, runs, datasets, new ManifestDatasetCatalog(),
                new InProcessTransformJobs(), event -> { }, properties,
                Clock.systemUTC());
        // -Dbench.salesOnly=true: a mapping without the products source (no referential check), to see its cost
        String mapping = Boolean.getBoolean("bench.salesOnly")
                ? MAPPING.substring(0, MAPPING.indexOf("  - name: products")) + MAPPING.substring(MAPPING.indexOf("  - name: transactions"))
                : MAPPING;
        if (warmupRows > 0) {
            convertWithDuckDb(store.resolve("landing/warmup/sales.csv"), dir.resolve("duckdb-warmup.parquet"), properties, dir);
            try (var service = service(mapping, objectStore, runs, job)) {
                ingest(service, "s3://bench/landing/warmup/");
            }
        }

        // DuckDB's own CSV -> Parquet on the same file, same compression, same machine, with the settings a run's
        // DuckDB gets (memory limit, threads, insertion order); its native library is loaded before the clock starts
        Path duckOut = dir.resolve("duckdb-out.parquet");
        double loadBefore = loadAverage();
        long[] duck = convertWithDuckDb(sales, duckOut, properties, dir);
        double duckSeconds = duck[0] / 1e9;
        long duckCpu = duck[1];

        IngestionService service = service(mapping, objectStore, runs, job);
        System.gc();
        resetPeaks();
        long ourCpu = processCpuNanos();
        long start = System.nanoTime();
        IngestionRun run = ingest(service, "s3://bench/landing/bench/");
        double ourSeconds = seconds(start);
        ourCpu = processCpuNanos() - ourCpu;
        service.close();
        double loadAfter = loadAverage();
        long peakHeap = peakHeap();
        if (!"SUCCEEDED".equals(run.state().name())) {
            throw new IllegalStateException("run failed: " + run.error());
        }
        Manifest manifest = datasets.find("bench", run.datasetVersion()).orElseThrow();
        long outputBytes = manifest.tables().values().stream().flatMap(t -> t.files().stream())
                .mapToLong(Manifest.FileRef::size).sum();
        double ourRate = run.rows().read() / ourSeconds;
        double duckRate = rows / duckSeconds;
        System.out.println();
        System.out.printf("input            %,d rows, %,.1f MB CSV (+ %,d product rows)%s%n", rows, csvBytes / 1e6, products,
                warmupRows > 0 ? String.format(", both sides warmed up on %,d rows", warmupRows) : ", both sides cold");
        System.out.printf("machine          %d processors, load average %.2f before, %.2f after%n",
                Runtime.getRuntime().availableProcessors(), loadBefore, loadAfter);
        System.out.printf("launchcast       %.2f s wall, %,.0f rows/s, %,.1f MB/s, %.2f CPU-s%n", ourSeconds, ourRate,
                (csvBytes / 1e6) / ourSeconds, ourCpu / 1e9);
        System.out.printf("                 read %,d accepted %,d rejected %,d duplicates %,d%n", run.rows().read(),
                run.rows().accepted(), run.rows().rejected(), run.rows().duplicates());
        System.out.printf("                 version %s%n", run.datasetVersion());
        System.out.printf("                 output %,d sales rows (weekly), %,.1f MB Parquet in %d files%n",
                manifest.tables().get("sales").rows(), outputBytes / 1e6,
                manifest.tables().values().stream().mapToInt(t -> t.files().size()).sum());
        System.out.printf("                 peak heap %,.0f MB (max heap %,.0f MB)%n", peakHeap / 1e6,
                Runtime.getRuntime().maxMemory() / 1e6);
        System.out.printf("duckdb csv->pq   %.2f s wall, %,.0f rows/s, %.2f CPU-s, output %,.1f MB%n", duckSeconds,
                duckRate, duckCpu / 1e9, Files.size(duckOut) / 1e6);
        System.out.printf("ratio            %.2f of DuckDB's throughput%n", ourRate / duckRate);
        deleteTree(dir);
    }

    /**
     * The service a run is asked of: started, its mappings parsed, before a clock starts (as in the application,
     * which parses its mappings at start-up, not per run).
     */
    private static IngestionService service(String mapping, DirectoryObjectStore objectStore, RunRepository runs,
            IngestionJob job) {
        return new IngestionService(MappingRepository.of(MappingReader.read(mapping, "bench")), objectStore, runs, job,
                Clock.systemUTC());
    }

    private static IngestionRun ingest(IngestionService service, String uri) throws Exception {
        return service.runNow(new IngestionRequest("bench", List.of(uri)));
    }

    /** DuckDB's own conversion of {@code csv}; returns its wall and process CPU nanoseconds. */
    private static long[] convertWithDuckDb(Path csv, Path out, IngestionProperties properties, Path dir)
            throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement s = db.createStatement()) {
            for (String setting : DuckDbCuratedEngine.settings(properties.duckdb().memoryLimit(),
                    properties.duckdb().effectiveThreads(), dir.resolve("duckdb-work"))) {
                s.execute(setting);
            }
            long cpu = processCpuNanos();
            long start = System.nanoTime();
            s.execute("COPY (SELECT * FROM read_csv('" + csv + "', header = true)) TO '" + out
                    + "' (FORMAT parquet, COMPRESSION zstd)");
            return new long[] {System.nanoTime() - start, processCpuNanos() - cpu};
        }
    }

    static void generate(Path products, Path sales, long rows, int productCount) throws IOException {
        SplittableRandom random = new SplittableRandom(42);
        LocalDate first = LocalDate.of(2022, 1, 3);
        try (BufferedWriter out = Files.newBufferedWriter(products, StandardCharsets.UTF_8)) {
            out.write("sku,launched,family\n");
            for (int p = 0; p < productCount; p++) {
                out.write(String.format("SKU%06d,%s,family-%02d%n", p, first.plusDays(p % 300), p % 40));
            }
        }
        // the same bytes as formatting each row, from pre-formatted pieces (formatting cost 9 s per 5 M rows)
        byte[][] skus = new byte[productCount][];
        for (int p = 0; p < productCount; p++) {
            skus[p] = String.format("SKU%06d,", p).getBytes(StandardCharsets.US_ASCII);
        }
        byte[][] days = new byte[300 + 365][];
        for (int d = 0; d < days.length; d++) {
            days[d] = (first.plusDays(d) + ",").getBytes(StandardCharsets.US_ASCII);
        }
        byte[][] regions = {"north,".getBytes(StandardCharsets.US_ASCII), "south,".getBytes(StandardCharsets.US_ASCII),
                "east,".getBytes(StandardCharsets.US_ASCII), "west,".getBytes(StandardCharsets.US_ASCII)};
        try (var out = new java.io.BufferedOutputStream(Files.newOutputStream(sales), 1 << 16)) {
            out.write("tx,sku,region,day,qty\n".getBytes(StandardCharsets.US_ASCII));
            for (long i = 0; i < rows; i++) {
                int p = random.nextInt(productCount);
                out.write(Long.toString(1_000_000_000L + i).getBytes(StandardCharsets.US_ASCII));
                out.write(',');
                out.write(skus[p]);
                out.write(regions[random.nextInt(regions.length)]);
                out.write(days[p % 300 + random.nextInt(365)]);
                out.write('0' + 1 + random.nextInt(5));
                out.write('\n');
            }
        }
    }

    /** CPU time of this whole process (every thread, DuckDB's native ones included). */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** The machine's one-minute load average. */
    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    static void resetPeaks() {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** Sum of the heap pools' peaks: an upper bound of the heap in use at any one moment. */
    static long peakHeap() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}

package io.launchcast.ingestion.bench;

import io.launchcast.ingestion.catalog.local.InProcessTransformJobs;
import io.launchcast.ingestion.catalog.local.ManifestDatasetCatalog;
import io.launchcast.ingestion.curated.DatasetRepository;
import io.launchcast.ingestion.curated.Manifest;
import io.launchcast.ingestion.mapping.MappingParser;
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
        int products = 20_000;
        Path store = dir.resolve("store");
        Path landing = store.resolve("landing/bench");
        Files.createDirectories(landing);
        Path sales = landing.resolve("sales.csv");
        long generateStart = System.nanoTime();
        generate(landing.resolve("products.csv"), sales, rows, products);
        long csvBytes = Files.size(sales);
        System.out.printf("generated %,d sales rows (%,.1f MB) and %,d products in %.1f s%n", rows, csvBytes / 1e6,
                products, seconds(generateStart));

        // DuckDB's own CSV -> Parquet on the same file, same compression, same machine
        Path duckOut = dir.resolve("duckdb-out.parquet");
        long duckStart = System.nanoTime();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement s = db.createStatement()) {
            s.execute("COPY (SELECT * FROM read_csv('" + sales + "', header = true)) TO '" + duckOut
                    + "' (FORMAT parquet, COMPRESSION zstd)");
        }
        double duckSeconds = seconds(duckStart);

        System.gc();
        resetPeaks();
        var objectStore = new FileSystemObjectStore(store);
        var properties = new IngestionProperties(List.of(), dir.resolve("work"), new IngestionProperties.DuckDb("1GB", 0),
                Duration.ofSeconds(2), 1000, Map.of(), false);
        var runs = new RunRepository(objectStore);
        var datasets = new DatasetRepository(objectStore);
        var job = new IngestionJob(objectStore, runs, datasets, new ManifestDatasetCatalog(),
                new InProcessTransformJobs(), event -> { }, properties,
                Clock.systemUTC());
        IngestionRun run;
        long start = System.nanoTime();
        // -Dbench.salesOnly=true: a mapping without the products source (no referential check), to see its cost
        String mapping = Boolean.getBoolean("bench.salesOnly")
                ? MAPPING.substring(0, MAPPING.indexOf("  - name: products")) + MAPPING.substring(MAPPING.indexOf("  - name: transactions"))
                : MAPPING;
        try (var service = new IngestionService(MappingRepository.of(MappingParser.parse(mapping, "bench")), objectStore,
                runs, job, Clock.systemUTC())) {
            run = service.runNow(new IngestionRequest("bench", List.of("s3://bench/landing/bench/")));
        }
        double ourSeconds = seconds(start);
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
        System.out.printf("input            %,d rows, %,.1f MB CSV (+ %,d product rows)%n", rows, csvBytes / 1e6, products);
        System.out.printf("launchcast       %.2f s wall, %,.0f rows/s, %,.1f MB/s%n", ourSeconds, ourRate,
                (csvBytes / 1e6) / ourSeconds);
        System.out.printf("                 read %,d accepted %,d rejected %,d duplicates %,d%n", run.rows().read(),
                run.rows().accepted(), run.rows().rejected(), run.rows().duplicates());
        System.out.printf("                 output %,d sales rows (weekly), %,.1f MB Parquet in %d files%n",
                manifest.tables().get("sales").rows(), outputBytes / 1e6,
                manifest.tables().values().stream().mapToInt(t -> t.files().size()).sum());
        System.out.printf("                 peak heap %,.0f MB (max heap %,.0f MB)%n", peakHeap / 1e6,
                Runtime.getRuntime().maxMemory() / 1e6);
        System.out.printf("duckdb csv->pq   %.2f s wall, %,.0f rows/s, output %,.1f MB%n", duckSeconds, duckRate,
                Files.size(duckOut) / 1e6);
        System.out.printf("ratio            %.2f of DuckDB's throughput%n", ourRate / duckRate);
        deleteTree(dir);
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
        String[] regions = {"north", "south", "east", "west"};
        try (BufferedWriter out = Files.newBufferedWriter(sales, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write("tx,sku,region,day,qty\n");
            StringBuilder line = new StringBuilder(64);
            for (long i = 0; i < rows; i++) {
                int p = random.nextInt(productCount);
                line.setLength(0);
                line.append(1_000_000_000L + i).append(",SKU").append(String.format("%06d", p)).append(',')
                        .append(regions[random.nextInt(regions.length)]).append(',')
                        .append(first.plusDays(p % 300 + random.nextInt(365))).append(',')
                        .append(1 + random.nextInt(5)).append('\n');
                out.append(line);
            }
        }
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

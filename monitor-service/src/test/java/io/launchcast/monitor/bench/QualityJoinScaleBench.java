package io.launchcast.monitor.bench;

import io.launchcast.features.dataset.CuratedDatasetReader;
import io.launchcast.features.dataset.Product;
import io.launchcast.monitor.ForecastCaptures;
import io.launchcast.monitor.quality.ForecastQuality;
import io.launchcast.monitor.quality.ForecastQualityFixture;
import io.launchcast.monitor.quality.ForecastQualityReport;
import io.launchcast.platform.objectstore.ObjectStoreMirror;
import io.launchcast.platform.objectstore.directory.DirectoryObjectStore;
import io.launchcast.platform.testing.HeapSampler;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.util.FileSystemUtils;

/**
 * Scale figures of issue 14 for the monitor-service (a benchmark, not a test; {@code bench/scale.sh} runs it in
 * the service's heap): captures forecasts of the first {@code forecasts} products of a curated version in a
 * directory object store (what {@code feature-service/bench-scale.sh} leaves), then times the forecast-quality
 * evaluation of the whole version's sales as a published version's event runs it (the join, the evaluation store,
 * gauges and alarms), the report with every breakdown, and the same version evaluated again.
 *
 * <p>Arguments: work directory (holding {@code store/}), captured forecasts, dataset, version, captured forecasts
 * per partition of the join (default 10,000, the service's default). Prints each phase's wall and CPU time and the
 * heap it used (sampled every 10 ms: the most used and the most left after a collection), the store's size on
 * disk and the process's peak resident memory.
 */
public final class QualityJoinScaleBench {

    private QualityJoinScaleBench() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int forecasts = Integer.parseInt(args[1]);
        String dataset = args.length > 2 ? args[2] : "bench";
        String version = args.length > 3 ? args[3] : "1";
        int partitionForecasts = args.length > 4 ? Integer.parseInt(args[4]) : 10_000;
        // a run's captures are kept for the next run with as many forecasts (writing a million takes minutes);
        // the capture index is removed first, so that every run indexes the capture as a first join does
        String endpoint = "bench-" + forecasts;
        DirectoryObjectStore store = new DirectoryObjectStore(work.resolve("store"));
        String prefix = "curated/" + dataset + "/v=" + version + "/";
        Path local = work.resolve("monitor-cache");
        ObjectStoreMirror.mirror(store, prefix, local);
        String complete = "bench-markers/" + endpoint;
        if (store.head(complete).isEmpty()) {
            store.list("capture/" + endpoint + "/").forEach(o -> store.delete(o.key()));
            capture(store, local, endpoint, forecasts);
            store.put(complete, new byte[0], "application/octet-stream");
        }
        store.list("monitoring/capture-index/" + endpoint + "/").forEach(o -> store.delete(o.key()));
        // every run evaluates from scratch: no evaluations, markers or alarms of an earlier run
        store.list("monitoring/quality/bench/").forEach(o -> store.delete(o.key()));
        store.list("monitoring/alarms/bench/").forEach(o -> store.delete(o.key()));
        Path dataDir = work.resolve("monitor-data");
        FileSystemUtils.deleteRecursively(dataDir);
        ForecastQuality quality = ForecastQualityFixture.create(store, dataDir, Map.of(
                "launchcast.monitor.models[0].group", "bench", "launchcast.monitor.models[0].endpoint", endpoint,
                "launchcast.monitor.models[0].cron", "-",
                "launchcast.monitor.quality.join-partition-forecasts", String.valueOf(partitionForecasts)));
        ForecastQuality.DatasetJoin[] join = new ForecastQuality.DatasetJoin[1];
        phase("quality evaluation (join, store, gauges, alarms)", () -> join[0] = quality.joinDataset(dataset, version).get(0));
        System.out.printf(Locale.ROOT, "  %d sales rows: %d joined, %d quarantined, %d not forecast; %d evaluated forecast "
                + "periods of %d captured forecasts, %d changed%n", join[0].salesRows(), join[0].joinedRows(),
                join[0].quarantinedRows(), join[0].notForecastRows(), join[0].evaluated(), forecasts, join[0].changed());
        ForecastQualityReport[] report = new ForecastQualityReport[1];
        phase("quality report (every breakdown)", () -> report[0] = quality.report("bench", null, null));
        System.out.printf(Locale.ROOT, "  %d evaluated periods, WAPE %.4f, %d weeks over time; evaluation store %d MiB "
                + "on disk; process peak resident %s%n", report[0].overall().count(), report[0].overall().wape(),
                report[0].overTime().size(), sizeOf(dataDir) >> 20, peakResident());
        phase("quality report again (no change since: kept)", () -> report[0] = quality.report("bench", null, null));
        phase("quality evaluation again (the same version: nothing changes)", () -> {
            store.list("monitoring/quality/bench/datasets/").forEach(o -> store.delete(o.key()));
            join[0] = quality.joinDataset(dataset, version).get(0);
        });
        System.out.printf(Locale.ROOT, "  %d evaluated, %d changed%n", join[0].evaluated(), join[0].changed());
    }

    /** Runs a phase and prints its wall and CPU time and the heap it used (sampled every 10 ms). */
    private static void phase(String name, Runnable phase) throws InterruptedException {
        System.gc();
        long cpu = cpuNanos();
        long start = System.nanoTime();
        try (HeapSampler heap = new HeapSampler()) {
            phase.run();
            heap.close();
            System.out.printf(Locale.ROOT, "%-62s %8.1f s wall, %8.1f s CPU  load %.2f  heap used max %d MiB, "
                    + "after GC max %d MiB%n", name, (System.nanoTime() - start) / 1e9, (cpuNanos() - cpu) / 1e9,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), heap.maxUsed >> 20,
                    heap.maxAfterGc >> 20);
        }
    }

    private static long sizeOf(Path directory) {
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(directory)) {
            return files.filter(java.nio.file.Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    /** The process's peak resident memory (heap and DuckDB's native memory), from /proc. */
    private static String peakResident() {
        try {
            return java.nio.file.Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(l -> l.startsWith("VmHWM:")).map(l -> l.substring(6).trim()).findFirst().orElse("n/a");
        } catch (java.io.IOException e) {
            return "n/a";
        }
    }

    /** Captures a forecast of each of the first {@code forecasts} products, in objects of 5,000. */
    private static void capture(DirectoryObjectStore store, Path local, String endpoint, int forecasts) {
        Set<String> captured = new HashSet<>();
        for (int i = 0; i < forecasts; i++) {
            captured.add(String.format(Locale.ROOT, "P%07d", i));
        }
        List<Product> products = new CuratedDatasetReader().products(local, captured::contains);
        Instant at = Instant.parse("2024-01-01T09:00:00Z");
        List<ForecastCaptures.Forecast> batch = new ArrayList<>();
        for (Product p : products) {
            double[] means = new double[12];
            Arrays.fill(means, 10);
            batch.add(new ForecastCaptures.Forecast("bench-" + p.id(), at, p.id(), p.region(), "bench/1",
                    p.launchDate(), p.attributes(), 20, means, 0.5));
            if (batch.size() == 5_000) {
                ForecastCaptures.capture(store, endpoint, batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            ForecastCaptures.capture(store, endpoint, batch);
        }
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}

package io.launchcast.monitor.bench;

import io.launchcast.features.dataset.CuratedDatasetReader;
import io.launchcast.features.dataset.Product;
import io.launchcast.monitor.ForecastCaptures;
import io.launchcast.monitor.MonitorProperties;
import io.launchcast.monitor.capture.CapturedForecasts;
import io.launchcast.monitor.quality.SalesJoin;
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
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Scale figures of issue 14 for the monitor-service (a benchmark, not a test; {@code bench/scale.sh} runs it in
 * the service's heap): captures forecasts of the first {@code forecasts} products of a curated version in a
 * directory object store (what {@code feature-service/bench-scale.sh} leaves), then times the forecast-quality
 * join of the whole version's sales with them, as a published version's event starts it.
 *
 * <p>Arguments: work directory (holding {@code store/}), captured forecasts, dataset, version, captured forecasts
 * per partition of the join (default 10,000, the service's default). Prints the join's wall and CPU time and the
 * heap it used (sampled every 10 ms: the most used and the most left after a collection).
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
        MonitorProperties properties = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("launchcast.monitor", MonitorProperties.class);
        JsonMapper json = JsonMapper.builder().build();
        System.gc();
        long cpu = cpuNanos();
        long start = System.nanoTime();
        long[] evaluated = new long[1];
        SalesJoin.Result result;
        try (HeapSampler heap = new HeapSampler()) {
            result = new SalesJoin(new CapturedForecasts(store, json, properties), "category",
                    work.resolve("monitor-join"), partitionForecasts).join(endpoint, local, e -> evaluated[0]++);
            heap.close();
            System.out.printf(Locale.ROOT, "quality join %8.1f s wall, %8.1f s CPU  load %.2f  heap used max %d MiB, "
                    + "after GC max %d MiB  (%d sales rows: %d joined, %d quarantined, %d not forecast; %d evaluated "
                    + "forecast periods of %d captured forecasts, %d partitions)%n",
                    (System.nanoTime() - start) / 1e9, (cpuNanos() - cpu) / 1e9,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), heap.maxUsed >> 20,
                    heap.maxAfterGc >> 20, result.salesRows(), result.joinedRows(), result.quarantined().size(),
                    result.notForecastRows(), result.evaluated(), forecasts, result.partitions());
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

package io.launchcast.monitor.bench;

import io.launchcast.features.dataset.CuratedDatasetReader;
import io.launchcast.features.dataset.Product;
import io.launchcast.monitor.ForecastCaptures;
import io.launchcast.monitor.MonitorProperties;
import io.launchcast.monitor.capture.CapturedForecasts;
import io.launchcast.monitor.quality.SalesJoin;
import io.launchcast.platform.objectstore.ObjectStoreMirror;
import io.launchcast.platform.objectstore.directory.DirectoryObjectStore;
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
 * <p>Arguments: work directory (holding {@code store/}), captured forecasts, dataset, version.
 */
public final class QualityJoinScaleBench {

    private QualityJoinScaleBench() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int forecasts = Integer.parseInt(args[1]);
        String dataset = args.length > 2 ? args[2] : "bench";
        String version = args.length > 3 ? args[3] : "1";
        String endpoint = "bench-" + System.currentTimeMillis(); // a run's own captures, whatever earlier runs left
        DirectoryObjectStore store = new DirectoryObjectStore(work.resolve("store"));
        String prefix = "curated/" + dataset + "/v=" + version + "/";
        Path local = work.resolve("monitor-cache");
        ObjectStoreMirror.mirror(store, prefix, local);
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
        products = null;
        captured = null;
        MonitorProperties properties = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("launchcast.monitor", MonitorProperties.class);
        JsonMapper json = JsonMapper.builder().build();
        System.gc();
        long cpu = cpuNanos();
        long start = System.nanoTime();
        SalesJoin.Result result = new SalesJoin(new CapturedForecasts(store, json, properties), "category")
                .join(endpoint, local);
        System.out.printf(Locale.ROOT, "quality join %8.1f s wall, %8.1f s CPU  load %.2f  (%d sales rows: %d joined, "
                + "%d quarantined, %d not forecast; %d evaluated forecast periods of %d captured forecasts)%n",
                (System.nanoTime() - start) / 1e9, (cpuNanos() - cpu) / 1e9,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), result.salesRows(),
                result.joinedRows(), result.quarantined().size(), result.notForecastRows(), result.evaluations().size(),
                forecasts);
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}

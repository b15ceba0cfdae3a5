package io.launchcast.monitor.bench;

import io.launchcast.monitor.ForecastCaptures;
import io.launchcast.monitor.LaunchStreams;
import io.launchcast.monitor.LaunchStreams.Shift;
import io.launchcast.monitor.MonitorProperties;
import io.launchcast.monitor.baseline.BaselineReader;
import io.launchcast.monitor.baseline.MonitoringBaseline;
import io.launchcast.monitor.capture.CaptureReader;
import io.launchcast.monitor.capture.CapturedForecasts;
import io.launchcast.monitor.capture.CapturedWindow;
import io.launchcast.monitor.runs.WindowCheck;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.Map;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.json.JsonMapper;

/**
 * Figures of issue 15 point 9 (monitor-service/bench.sh runs it): false-alarm rate over in-distribution
 * windows, detection rate per shifted stream, and time and peak heap to read and check one large window of
 * captured records (JSON Lines parsing included), with the service's default drift settings.
 */
public final class MonitorBench {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ENDPOINT = "bench";

    public static void main(String[] args) {
        int windows = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int perWindow = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        int large = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        MonitorProperties properties = new MonitorProperties(List.of(),
                new MonitorProperties.Drift(1000, 0.001, 0.2, 0.2, 0.01, false),
                new MonitorProperties.Capture("products", "attributes", "productId",
                        List.of("productId", "launchDate", "regions", "region")), "monitoring/reports",
                new MonitorProperties.ForecastDriftCheck(true, 100));
        WindowCheck check = new WindowCheck(properties);
        var files = LaunchStreams.baseline(new Random(1), 800);
        MonitoringBaseline baseline = BaselineReader.parse("bench", 1, files.get("statistics.json"),
                files.get("constraints.json"), JSON);
        Instant at = Instant.parse("2027-03-02T10:00:00Z");
        long seed = 100;
        for (Shift shift : Shift.values()) {
            int alarmed = 0;
            Set<String> flagged = new TreeSet<>();
            for (int w = 0; w < windows; w++) {
                MemoryObjectStore store = new MemoryObjectStore();
                store.put("capture/" + ENDPOINT + "/AllTraffic/2027/03/02/10/w.jsonl", LaunchStreams.captureLines(
                        new Random(seed++), perWindow, shift, at, "1").getBytes(StandardCharsets.UTF_8), "");
                CapturedWindow window = new CaptureReader(store, JSON, properties).read(ENDPOINT, at, at.plusSeconds(60), p -> { });
                var violations = check.check(baseline, window.records()).violations();
                if (!violations.isEmpty()) {
                    alarmed++;
                    violations.forEach(v -> flagged.add(v.featureName()));
                }
            }
            System.out.printf(Locale.ROOT, "%-20s %d windows of %d records: %5.1f %% alarmed (%s), features flagged: %s%n",
                    shift, windows, perWindow, 100.0 * alarmed / windows,
                    shift == Shift.NONE ? "false-alarm rate" : "detection rate", flagged);
        }
        MemoryObjectStore store = new MemoryObjectStore();
        int perObject = 5000;
        Random random = new Random(7);
        for (int i = 0; i < large; i += perObject) {
            store.put("capture/" + ENDPOINT + "/AllTraffic/2027/03/02/10/" + i + ".jsonl", LaunchStreams.captureLines(
                    random, Math.min(perObject, large - i), Shift.NONE, at, "1").getBytes(StandardCharsets.UTF_8), "");
        }
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        long before = heapPeak();
        long start = System.nanoTime();
        CapturedWindow window = new CaptureReader(store, JSON, properties).read(ENDPOINT, at, at.plusSeconds(60), p -> { });
        var outcome = check.check(baseline, window.records());
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "window of %d captured records: %.2f s to read and check, peak heap %d MiB "
                + "(captured objects held in memory: %d MiB before), %d violations%n", window.records().size(), seconds,
                heapPeak() >> 20, before >> 20, outcome.violations().size());
        if (args.length > 3 && Integer.parseInt(args[3]) > 0) {
            join(properties, Integer.parseInt(args[3]));
        }
    }

    /**
     * The actuals join's capture read: {@code objects} capture objects of 500 forecasts each (one product per
     * forecast, 4 periods), a dataset version selling the products of 1 object in 50; the whole capture scanned (as
     * before the product index), the index built (once per capture object), then the indexed read.
     */
    private static void join(MonitorProperties properties, int objects) {
        MemoryObjectStore store = new MemoryObjectStore();
        Instant at = Instant.parse("2027-03-02T10:00:00Z");
        Set<String> sold = new HashSet<>();
        for (int o = 0; o < objects; o++) {
            StringBuilder lines = new StringBuilder();
            for (int i = 0; i < 500; i++) {
                String product = "P" + o + "-" + i;
                if (o % 50 == 0) {
                    sold.add(product);
                }
                lines.append(ForecastCaptures.line(new ForecastCaptures.Forecast("i-" + product, at, product, null, "1",
                        LocalDate.of(2027, 3, 1), Map.of("category", "dress"), 30, new double[] {10, 8, 6, 4}, 0.5)))
                        .append('\n');
            }
            Instant hour = at.plusSeconds(3600L * (o / 10));
            store.put("capture/" + ENDPOINT + "/AllTraffic/" + DateTimeFormatter.ofPattern("yyyy/MM/dd/HH")
                    .withZone(ZoneOffset.UTC).format(hour) + "/" + o + ".jsonl",
                    lines.toString().getBytes(StandardCharsets.UTF_8), "");
        }
        CapturedForecasts captures = new CapturedForecasts(store, JSON, properties);
        String capture = "capture/" + ENDPOINT + "/";
        long start = System.nanoTime();
        int scanned = captures.read(ENDPOINT, f -> sold.contains(f.productId())).size();
        double scan = (System.nanoTime() - start) / 1e9;
        int scanReads = store.reads(capture);
        start = System.nanoTime();
        captures.read(ENDPOINT, sold, f -> true);
        double build = (System.nanoTime() - start) / 1e9;
        int buildReads = store.reads(capture) - scanReads;
        start = System.nanoTime();
        int indexed = captures.read(ENDPOINT, sold, f -> true).size();
        double read = (System.nanoTime() - start) / 1e9;
        int indexedReads = store.reads(capture) - scanReads - buildReads;
        start = System.nanoTime();
        captures.read(ENDPOINT, f -> sold.contains(f.productId()));
        double warmScan = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "actuals join over %d capture objects (%d forecasts), %d products sold: "
                + "whole capture %.2f s cold, %.2f s warm (%d objects read, %d forecasts); index built %.2f s (%d "
                + "objects read: each once to index it, then the matching ones); indexed %.3f s (%d objects read, %d "
                + "forecasts)%n", objects, objects * 500, sold.size(), scan, warmScan, scanReads, scanned, build,
                buildReads, read, indexedReads, indexed);
    }

    /** Sum of the heap pools' peaks (an upper bound of the true peak: pools peak at different moments). */
    private static long heapPeak() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }
}

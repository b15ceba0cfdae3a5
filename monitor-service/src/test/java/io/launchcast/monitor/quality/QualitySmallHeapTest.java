package io.launchcast.monitor.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchcast.monitor.ForecastCaptures;
import io.launchcast.monitor.MonitorProperties;
import io.launchcast.monitor.capture.CapturedForecasts;
import io.launchcast.platform.objectstore.ObjectStoreMirror;
import io.launchcast.platform.objectstore.directory.DirectoryObjectStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The join holds one partition of the captured forecasts, not all of them: 20,000 captured forecasts of six periods
 * (about 50 MB as objects, plus 120,000 evaluations) join in a JVM of 40 MB of heap when each partition holds
 * 2,000. Holding every captured forecast, as the join did before it spilled, that JVM runs out of memory.
 */
class QualitySmallHeapTest {

    private static final int PRODUCTS = 20_000;
    private static final int PERIODS = 6;
    private static final LocalDate LAUNCH = LocalDate.of(2027, 3, 1);

    @TempDir
    Path dir;

    @Test
    void joinsTwentyThousandCapturedForecastsInFortyMegabytesOfHeap() throws Exception {
        prepare(PERIODS);

        String log = fork(JoinChild.class, "2000");

        assertThat(log).contains(String.format(Locale.ROOT, "evaluated %d joined %d quarantined 0 not forecast %d",
                PRODUCTS * PERIODS, PRODUCTS * PERIODS, 2 * PERIODS));
    }

    /**
     * The whole evaluation as a published version's event runs it (join, evaluation store, quarantine, gauges,
     * alarms, report) keeps the evaluations and the unmatched rows on disk: 120,000 of each in 40 MB (the sales go
     * on for six weeks after the forecasts' periods end). Held in the heap and written as one JSON document each,
     * as the service did before, they do not fit.
     */
    @Test
    void evaluatesTwentyThousandCapturedForecastsInFortyMegabytesOfHeap() throws Exception {
        prepare(2 * PERIODS);

        String log = fork(QualityChild.class);

        assertThat(log).contains(String.format(Locale.ROOT, "evaluated %d changed %d quarantined %d report count %d",
                PRODUCTS * PERIODS, PRODUCTS * PERIODS, PRODUCTS * PERIODS, PRODUCTS * PERIODS));
        assertThat(log).contains("quarantine lines " + PRODUCTS * PERIODS);
    }

    /** Captures a forecast of {@value #PRODUCTS} products and publishes {@code salesWeeks} weeks of their sales. */
    private void prepare(int salesWeeks) throws Exception {
        DirectoryObjectStore store = new DirectoryObjectStore(dir.resolve("store"));
        publish(dir.resolve("curated"), store, salesWeeks);
        List<ForecastCaptures.Forecast> batch = new ArrayList<>();
        Instant at = Instant.parse("2027-02-20T09:00:00Z");
        double[] means = new double[PERIODS];
        Arrays.fill(means, 10);
        for (int i = 0; i < PRODUCTS; i++) {
            batch.add(new ForecastCaptures.Forecast("i-" + i, at, id(i), null, "g/3", LAUNCH,
                    Map.of("category", "c" + i % 7), 20, means, 0.5));
            if (batch.size() == 2_000) {
                ForecastCaptures.capture(store, "ep", batch);
                batch.clear();
            }
        }
    }

    /** Runs {@code main} in a JVM of 40 MB of heap; returns its output once it exited with 0. */
    private String fork(Class<?> main, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx40m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), main.getName(),
                dir.toString()));
        command.addAll(List.of(args));
        Path output = dir.resolve(main.getSimpleName() + ".log");
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertThat(child.waitFor(5, TimeUnit.MINUTES)).isTrue();
        String log = Files.readString(output);
        assertThat(child.exitValue()).as(log).isZero();
        return log;
    }

    private static String id(int i) {
        return String.format(Locale.ROOT, "P%06d", i);
    }

    /** A version with {@code salesWeeks} weekly sales rows of each captured product and of two products no one forecast. */
    private static void publish(Path out, DirectoryObjectStore store, int salesWeeks) throws Exception {
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = duck.createStatement()) {
            Files.createDirectories(out.resolve("products"));
            Files.createDirectories(out.resolve("sales"));
            sql.execute("CREATE TABLE products AS SELECT 'P' || lpad(cast(i AS VARCHAR), 6, '0') AS product_id, "
                    + "DATE '" + LAUNCH + "' AS launch_date, 'all' AS region, 30.0 AS price, 'train' AS split, "
                    + "'c' || cast(i % 7 AS VARCHAR) AS attr_category FROM range(" + (PRODUCTS + 2) + ") t(i)");
            sql.execute("COPY products TO '" + out.resolve("products/part-0.parquet") + "' (FORMAT PARQUET)");
            sql.execute("COPY (SELECT product_id, 'north' AS region, cast(launch_date + INTERVAL (7 * w) DAY AS DATE) "
                    + "AS period_start, cast(5 + w AS BIGINT) AS units FROM products, range(" + salesWeeks + ") r(w)) TO '"
                    + out.resolve("sales/part-0.parquet") + "' (FORMAT PARQUET)");
        }
        String prefix = "curated/shop/v=v1/";
        store.put(prefix + "products/part-0.parquet", out.resolve("products/part-0.parquet"), "application/vnd.apache.parquet");
        store.put(prefix + "sales/part-0.parquet", out.resolve("sales/part-0.parquet"), "application/vnd.apache.parquet");
        store.put(prefix + "_manifest.json", ("{\"dataset\":\"shop\",\"version\":\"v1\",\"period\":\"week\","
                + "\"periodAnchor\":\"launch\",\"attributes\":[{\"name\":\"category\",\"type\":\"string\"}]}")
                .getBytes(StandardCharsets.UTF_8), "application/json");
    }

    /** The join in the small heap: counts the evaluations, holds none. Arguments: directory, forecasts per partition. */
    public static final class JoinChild {

        private JoinChild() {
        }

        public static void main(String[] args) {
            Path dir = Path.of(args[0]);
            DirectoryObjectStore store = new DirectoryObjectStore(dir.resolve("store"));
            Path local = dir.resolve("mirror");
            ObjectStoreMirror.mirror(store, "curated/shop/v=v1/", local);
            MonitorProperties properties = new Binder(new MapConfigurationPropertySource(Map.of()))
                    .bindOrCreate("launchcast.monitor", MonitorProperties.class);
            long[] evaluated = new long[1];
            SalesJoin.Result result = new SalesJoin(new CapturedForecasts(store, JsonMapper.builder().build(), properties),
                    version -> "category", dir.resolve("join"), Integer.parseInt(args[1]))
                    .join("ep", local, e -> evaluated[0]++, row -> { });
            System.out.printf(Locale.ROOT, "evaluated %d joined %d quarantined %d not forecast %d%n", evaluated[0],
                    result.joinedRows(), result.quarantinedRows(), result.notForecastRows());
            System.out.println("partitions " + result.partitions());
        }
    }

    /** The service's evaluation of a published version in the small heap. Argument: directory. */
    public static final class QualityChild {

        private QualityChild() {
        }

        public static void main(String[] args) {
            Path dir = Path.of(args[0]);
            ForecastQuality quality = ForecastQualityFixture.create(new DirectoryObjectStore(dir.resolve("store")),
                    dir.resolve("data"), Map.of("launchcast.monitor.models[0].group", "g",
                            "launchcast.monitor.models[0].endpoint", "ep", "launchcast.monitor.models[0].cron", "-",
                            "launchcast.monitor.quality.join-partition-forecasts", "2000"));
            ForecastQuality.DatasetJoin join = quality.joinDataset("shop", "v1").get(0);
            System.out.printf(Locale.ROOT, "evaluated %d changed %d quarantined %d report count %d%n", join.evaluated(),
                    join.changed(), join.quarantinedRows(), quality.report("g", null, null).overall().count());
            try (java.io.BufferedReader lines = new java.io.BufferedReader(new java.io.InputStreamReader(
                    new DirectoryObjectStore(dir.resolve("store")).open("monitoring/quality/g/quarantine/shop/v=v1.jsonl"),
                    StandardCharsets.UTF_8))) {
                System.out.println("quarantine lines " + lines.lines().count());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}

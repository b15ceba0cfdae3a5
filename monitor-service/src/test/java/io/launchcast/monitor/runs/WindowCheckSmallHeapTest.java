package io.launchcast.monitor.runs;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchcast.monitor.LaunchStreams;
import io.launchcast.monitor.LaunchStreams.Shift;
import io.launchcast.monitor.MonitorProperties;
import io.launchcast.monitor.baseline.BaselineReader;
import io.launchcast.monitor.baseline.MonitoringBaseline;
import io.launchcast.monitor.capture.CaptureReader;
import io.launchcast.monitor.capture.CapturedWindow;
import io.launchcast.platform.objectstore.directory.DirectoryObjectStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * A monitoring run's window is checked as a stream: 150,000 captured records (a feature map each, about 80 MB as
 * a list) are checked against a baseline in a JVM of 40 MB of heap, the way {@link MonitoringRuns} reads them.
 * Read into a list first, as runs did before, that JVM runs out of memory.
 */
class WindowCheckSmallHeapTest {

    private static final int RECORDS = 150_000;
    private static final Instant AT = Instant.parse("2027-03-01T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void checksAWindowOfOneHundredFiftyThousandRecordsInFortyMegabytesOfHeap() throws Exception {
        DirectoryObjectStore store = new DirectoryObjectStore(dir.resolve("store"));
        Random random = new Random(11);
        for (int part = 0; part < RECORDS / 10_000; part++) {
            store.put("capture/ep/AllTraffic/2027/03/01/10/part-" + part + ".jsonl",
                    LaunchStreams.captureLines(random, 10_000, Shift.NONE, AT, "1").getBytes(StandardCharsets.UTF_8),
                    "application/jsonlines");
        }
        Map<String, byte[]> baseline = LaunchStreams.baseline(new Random(1), 800);
        Files.write(dir.resolve("statistics.json"), baseline.get("statistics.json"));
        Files.write(dir.resolve("constraints.json"), baseline.get("constraints.json"));

        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx40m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                Child.class.getName(), dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        assertThat(child.waitFor(5, TimeUnit.MINUTES)).isTrue();
        String log = Files.readString(dir.resolve("child.log"));

        assertThat(child.exitValue()).as(log).isZero();
        assertThat(log).contains("records " + RECORDS + " lines " + RECORDS + " malformed 0 features compared 4");
    }

    /** The run's read and checks in the small heap. Argument: the directory. */
    public static final class Child {

        private Child() {
        }

        public static void main(String[] args) throws Exception {
            Path dir = Path.of(args[0]);
            JsonMapper json = JsonMapper.builder().build();
            MonitorProperties properties = new MonitorProperties(List.of(),
                    new MonitorProperties.Drift(1000, 0.001, 0.2, 0.2, 0.01, false),
                    new MonitorProperties.Capture("products", "attributes", "productId",
                            List.of("productId", "launchDate")),
                    "monitoring/reports", new MonitorProperties.ForecastDriftCheck(true, 100));
            MonitoringBaseline baseline = BaselineReader.parse("g", 1, Files.readAllBytes(dir.resolve("statistics.json")),
                    Files.readAllBytes(dir.resolve("constraints.json")), json);
            WindowCheck checks = new WindowCheck(properties);
            WindowCheck.Window window = checks.window(baseline);
            CapturedWindow read = new CaptureReader(new DirectoryObjectStore(dir.resolve("store")), json, properties)
                    .forEach("ep", AT.minusSeconds(60), AT.plusSeconds(60), p -> { }, window::add);
            WindowCheck.Outcome outcome = checks.check(window);
            System.out.printf(Locale.ROOT, "records %d lines %d malformed %d features compared %d%n", window.records(),
                    read.linesRead(), read.malformedLines(), outcome.drift().size());
        }
    }
}

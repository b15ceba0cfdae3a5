package io.launchcast.infra.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.launchcast.infra.SynthesizedApp;
import io.launchcast.infra.TemplateQueries;
import io.launchcast.infra.observability.ServiceMetric.MeterType;

/**
 * The dashboard's meters are the meters the services register: the services' and platform's main sources are
 * scanned for {@code launchcast.*} meter names (in classes that use Micrometer, outside annotations), so a meter
 * added, renamed or removed in the code fails this test until {@link ServiceMetric} follows.
 */
class ServiceMetricsTest {

    private static final Pattern METER_NAME = Pattern.compile("\"(launchcast\\.[a-z0-9.\\-]+)\"");
    private static final Pattern COUNTER = Pattern.compile("\\.counter\\(\\s*\"(launchcast\\.[a-z0-9.\\-]+)\"");
    private static final Pattern TIMER = Pattern.compile("\\.timer\\(\\s*\"(launchcast\\.[a-z0-9.\\-]+)\"");

    @Test
    void everyMeterInTheCodeIsOnTheDashboardAndNoOther() {
        Map<String, MeterType> inCode = metersInCode(SynthesizedApp.services().root());
        Map<String, MeterType> onDashboard = ServiceMetric.all().stream()
                .collect(Collectors.toMap(ServiceMetric::meter, ServiceMetric::type, (a, b) -> a, TreeMap::new));
        assertThat(inCode).as("meters registered in the services' code").isNotEmpty();
        assertThat(onDashboard).isEqualTo(inCode);
    }

    @Test
    void theBatchForecastMetersAreOnTheDashboard() {
        Path batch = SynthesizedApp.services().root().resolve("forecast-service/src/main/java/io/launchcast/forecast/batch");
        Map<String, MeterType> inBatch = metersInCode(batch);
        assertThat(inBatch).as("batch forecasts: lines read, forecast, failed, skipped, job duration")
                .containsEntry("launchcast.batch.lines.read", MeterType.COUNTER)
                .containsEntry("launchcast.batch.lines.forecast", MeterType.COUNTER)
                .containsEntry("launchcast.batch.lines.failed", MeterType.COUNTER)
                .containsEntry("launchcast.batch.jobs", MeterType.TIMER);
        Map<String, MeterType> onDashboard = ServiceMetric.all().stream()
                .collect(Collectors.toMap(ServiceMetric::meter, ServiceMetric::type));
        assertThat(onDashboard).containsAllEntriesOf(inBatch);
    }

    @Test
    void theDashboardSearchesTheNamesTheCloudWatchRegistryPublishes() {
        String observability = TemplateQueries.json(SynthesizedApp.template(SynthesizedApp.staging().observability()));
        for (ServiceMetric metric : ServiceMetric.all()) {
            assertThat(observability).contains("MetricName=\\\\\\\"" + metric.cloudWatchName() + "\\\\\\\"");
        }
        assertThat(new ServiceMetric("launchcast.capture.records", MeterType.COUNTER, "t", "Sum").cloudWatchName())
                .isEqualTo("launchcast.capture.records.count");
        assertThat(new ServiceMetric("launchcast.monitor.drift", MeterType.GAUGE, "t", "Maximum").cloudWatchName())
                .isEqualTo("launchcast.monitor.drift.value");
    }

    /** Meter name to type, from every main source file of the repository that uses Micrometer. */
    static Map<String, MeterType> metersInCode(Path root) {
        Map<String, MeterType> meters = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> file.toString().contains("/src/main/java/"))
                    .filter(file -> !file.startsWith(root.resolve("infra")))
                    .forEach(file -> scan(file, meters));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return meters;
    }

    private static void scan(Path file, Map<String, MeterType> meters) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!text.contains("io.micrometer")) {
            return;
        }
        for (String line : text.split("\n")) {
            if (line.trim().startsWith("@") || line.trim().startsWith("*") || line.trim().startsWith("//")) {
                continue;
            }
            Matcher name = METER_NAME.matcher(line);
            while (name.find()) {
                String meter = name.group(1);
                MeterType type = COUNTER.matcher(line).find() ? MeterType.COUNTER
                        : TIMER.matcher(line).find() ? MeterType.TIMER : MeterType.GAUGE;
                meters.put(meter, type);
            }
        }
    }
}

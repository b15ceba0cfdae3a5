package io.launchcast.monitor.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchcast.monitor.LaunchStreams;
import io.launchcast.monitor.LaunchStreams.Shift;
import io.launchcast.monitor.MonitorProperties;
import io.launchcast.monitor.bench.MemoryObjectStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class CaptureReaderTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant AT = Instant.parse("2027-03-02T10:15:00Z");

    private final MemoryObjectStore store = new MemoryObjectStore();
    private final CaptureReader reader = new CaptureReader(store, JSON, new MonitorProperties(List.of(),
            new MonitorProperties.Drift(1000, 0.001, 0.2, 0.2, 0.01, false),
            new MonitorProperties.Capture("products", "attributes", "productId", List.of("productId", "launchDate")),
            "monitoring/reports", new MonitorProperties.ForecastDriftCheck(true, 100)));

    @Test
    void readsProductsOfTheWindowAndCountsMalformedLines() {
        String inWindow = LaunchStreams.captureLines(new Random(1), 3, Shift.NONE, AT, "g/7");
        String later = LaunchStreams.captureLines(new Random(2), 2, Shift.NONE, AT.plusSeconds(3600), "g/7");
        put("2027/03/02/10/a.jsonl", inWindow + "{not json\n");
        put("2027/03/02/11/b.jsonl", later);
        List<Integer> progress = new ArrayList<>();

        CapturedWindow window = reader.read("ep", AT.minusSeconds(60), AT.plusSeconds(60), progress::add);

        assertThat(window.records()).hasSize(3);
        assertThat(window.malformedLines()).isEqualTo(1);
        assertThat(window.records().get(0).modelVersion()).isEqualTo("g/7");
        assertThat(window.records().get(0).features()).containsOnlyKeys("price", "category", "fabric", "color");
        assertThat(progress).containsExactly(100);
    }

    @Test
    void anOptionalFieldLeftOutIsAbsentNotAValue() {
        String line = LaunchStreams.captureLines(new Random(1), 1, Shift.NONE, AT, "g/7")
                .replaceFirst("\\\\\"price\\\\\":[0-9.]+", "\\\\\"price\\\\\":null");
        put("2027/03/02/10/a.jsonl", line);

        CapturedWindow window = reader.read("ep", AT, AT.plusSeconds(1), p -> { });

        assertThat(window.records()).hasSize(1);
        assertThat(window.records().get(0).features()).doesNotContainKey("price");
    }

    private void put(String path, String lines) {
        store.put("capture/ep/AllTraffic/" + path, lines.getBytes(StandardCharsets.UTF_8), "application/jsonlines");
    }
}

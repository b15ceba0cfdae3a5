package io.launchcast.monitor.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchcast.monitor.ForecastCaptures;
import io.launchcast.monitor.MonitorProperties;
import io.launchcast.monitor.bench.MemoryObjectStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Joining actuals reads only the capture objects that forecast the products concerned, once they are indexed. */
class CaptureIndexTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CAPTURE = "capture/ep/AllTraffic/";

    private final MemoryObjectStore store = new MemoryObjectStore();
    private final CapturedForecasts captures = new CapturedForecasts(store, JSON, new MonitorProperties(
            List.of(new MonitorProperties.Model("g", "ep", "-", Duration.ofHours(1))),
            new MonitorProperties.Drift(1000, 0.001, 0.2, 0.2, 0.01, false),
            new MonitorProperties.Capture("products", "attributes", "productId", List.of("productId")),
            "monitoring/reports", new MonitorProperties.ForecastDriftCheck(true, 100)));

    @Test
    void readsOnlyTheCaptureObjectsOfTheProductsOnceIndexed() {
        capture("2027/03/01/10/a.jsonl", "A1", "A2");
        capture("2027/03/01/11/b.jsonl", "B1", "B2");
        capture("2027/03/02/09/c.jsonl", "C1", "A1");

        List<CapturedForecast> first = captures.read("ep", Set.of("A1"), f -> true);
        assertThat(store.reads(CAPTURE)).isEqualTo(3 + 2); // every object indexed once, then the two with A1 read
        assertThat(store.list(CaptureIndex.PREFIX + "ep/")).extracting(o -> o.key()).containsExactly(
                CaptureIndex.PREFIX + "ep/2027/03/01.json", CaptureIndex.PREFIX + "ep/2027/03/02.json");

        int before = store.reads(CAPTURE);
        List<CapturedForecast> again = captures.read("ep", Set.of("A1"), f -> true);
        List<CapturedForecast> b = captures.read("ep", Set.of("B2"), f -> true);

        assertThat(again).isEqualTo(first).extracting(CapturedForecast::productId).containsExactly("A1", "A1");
        assertThat(first).isEqualTo(captures.read("ep", f -> f.productId().equals("A1")));
        assertThat(b).extracting(CapturedForecast::productId).containsExactly("B2");
        assertThat(store.reads(CAPTURE + "2027/03/01/11/")).isEqualTo(1 + 1 + 1); // indexed, B2, the full scan: never for A1
        assertThat(store.reads(CAPTURE) - before).isEqualTo(2 + 1 + 3); // A1 again, B2, and the full scan's three
    }

    @Test
    void aNewOrReplacedObjectIsIndexedAndARemovedOneForgotten() {
        capture("2027/03/01/10/a.jsonl", "A1");
        assertThat(captures.read("ep", Set.of("N1"), f -> true)).isEmpty();

        capture("2027/03/01/12/n.jsonl", "N1");
        capture("2027/03/01/10/a.jsonl", "N1"); // the same key, new content
        assertThat(captures.read("ep", Set.of("N1"), f -> true)).hasSize(2);

        store.delete(CAPTURE + "2027/03/01/12/n.jsonl");
        assertThat(captures.read("ep", Set.of("N1"), f -> true)).hasSize(1);
        assertThat(new String(store.read(CaptureIndex.PREFIX + "ep/2027/03/01.json"), StandardCharsets.UTF_8))
                .doesNotContain("n.jsonl");
    }

    @Test
    void theIndexKeepsAFilterOfEachObjectsProductsNotTheirIds() {
        String[] many = new String[500];
        for (int i = 0; i < many.length; i++) {
            many[i] = "PRODUCT-" + i;
        }
        capture("2027/03/01/10/a.jsonl", many);

        assertThat(captures.read("ep", Set.of("PRODUCT-7"), f -> true)).extracting(CapturedForecast::productId)
                .containsExactly("PRODUCT-7");
        String index = new String(store.read(CaptureIndex.PREFIX + "ep/2027/03/01.json"), StandardCharsets.UTF_8);
        assertThat(index).doesNotContain("PRODUCT-").contains("\"productCount\":500");
        assertThat(index.length()).isLessThan(500 * 10 / 6 + 300); // 10 bits a product
        assertThat(captures.select("ep", Set.of("PRODUCT-7")).products()).isEqualTo(500);
        assertThat(captures.select("ep", Set.of("OTHER-1", "OTHER-2")).objects()).isEmpty();
    }

    @Test
    void anIndexOfTheEarlierFormatWithIdsIsRebuilt() {
        capture("2027/03/01/10/a.jsonl", "A1", "A2");
        String key = CAPTURE + "2027/03/01/10/a.jsonl";
        store.put(CaptureIndex.PREFIX + "ep/2027/03/01.json", ("{\"objects\":[{\"key\":\"" + key + "\",\"eTag\":\""
                + store.head(key).orElseThrow().eTag() + "\",\"products\":[\"A1\",\"A2\"]}]}")
                .getBytes(StandardCharsets.UTF_8), "application/json");

        assertThat(captures.read("ep", Set.of("A2"), f -> true)).extracting(CapturedForecast::productId)
                .containsExactly("A2");
        assertThat(new String(store.read(CaptureIndex.PREFIX + "ep/2027/03/01.json"), StandardCharsets.UTF_8))
                .contains("\"filter\"").doesNotContain("A1");
    }

    private void capture(String path, String... products) {
        StringBuilder lines = new StringBuilder();
        for (String product : products) {
            lines.append(ForecastCaptures.line(new ForecastCaptures.Forecast("i-" + product + "-" + path,
                    Instant.parse("2027-03-01T10:00:00Z"), product, null, "3", LocalDate.of(2027, 3, 1),
                    Map.of("category", "dress"), 30, new double[] {10, 8}, 0.5))).append('\n');
        }
        store.put(CAPTURE + path, lines.toString().getBytes(StandardCharsets.UTF_8), "application/jsonlines");
    }
}

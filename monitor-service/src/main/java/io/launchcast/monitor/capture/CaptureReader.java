package io.launchcast.monitor.capture;

import io.launchcast.monitor.MonitorProperties;
import io.launchcast.platform.objectstore.ObjectStore;
import io.launchcast.platform.objectstore.ObjectSummary;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads SageMaker's data-capture layout ({@code capture/<endpoint>/AllTraffic/yyyy/MM/dd/HH/*.jsonl}) for a
 * time window. Each captured input's products become records: the product's scalar fields and the entries of
 * its attribute map are the features (which fields are identifiers, not features, is configuration).
 */
@Component
public class CaptureReader {

    private static final Logger log = LoggerFactory.getLogger(CaptureReader.class);
    private static final DateTimeFormatter HOUR_PATH = DateTimeFormatter.ofPattern("yyyy/MM/dd/HH").withZone(ZoneOffset.UTC);

    private final ObjectStore store;
    private final JsonMapper json;
    private final MonitorProperties properties;

    public CaptureReader(ObjectStore store, JsonMapper json, MonitorProperties properties) {
        this.store = store;
        this.json = json;
        this.properties = properties;
    }

    /** Records captured at {@code endpoint} in [from, to); {@code progress} gets the percentage of objects read. */
    public CapturedWindow read(String endpoint, Instant from, Instant to, IntConsumer progress) {
        List<CapturedRecord> records = new ArrayList<>();
        CapturedWindow counts = forEach(endpoint, from, to, progress, records::add);
        return new CapturedWindow(records, counts.linesRead(), counts.malformedLines(), counts.objectsRead());
    }

    /**
     * Hands the records captured at {@code endpoint} in [from, to) to {@code each}, one at a time, holding none:
     * a window of a million captured products is read as a stream. The answer carries the counts, no records.
     */
    public CapturedWindow forEach(String endpoint, Instant from, Instant to, IntConsumer progress,
            Consumer<CapturedRecord> each) {
        String prefix = "capture/" + endpoint + "/AllTraffic/";
        String first = prefix + HOUR_PATH.format(from.truncatedTo(ChronoUnit.HOURS));
        String last = prefix + HOUR_PATH.format(to) + "/\uffff";
        List<ObjectSummary> objects = store.list(prefix).stream()
                .filter(o -> o.key().compareTo(first) >= 0 && o.key().compareTo(last) <= 0).toList();
        long lines = 0;
        long malformed = 0;
        for (int i = 0; i < objects.size(); i++) {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(store.open(objects.get(i).key()),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.isBlank()) {
                        continue;
                    }
                    lines++;
                    try {
                        parse(line, from, to, each);
                    } catch (JacksonException | IllegalArgumentException e) {
                        malformed++;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + objects.get(i).key() + " failed", e);
            }
            progress.accept((int) (100L * (i + 1) / objects.size()));
        }
        if (malformed > 0) {
            log.warn("{} of {} captured lines at {} could not be read", malformed, lines, endpoint);
        }
        return new CapturedWindow(List.of(), lines, malformed, objects.size());
    }

    private void parse(String line, Instant from, Instant to, Consumer<CapturedRecord> records) {
        JsonNode event = json.readTree(line);
        JsonNode metadata = event.path("eventMetadata");
        Instant at = Instant.parse(metadata.path("inferenceTime").asString());
        if (at.isBefore(from) || !at.isBefore(to)) {
            return;
        }
        JsonNode data = event.path("captureData");
        JsonNode input = json.readTree(data.path("endpointInput").path("data").asString());
        JsonNode output = json.readTree(data.path("endpointOutput").path("data").asString());
        Map<String, String> versions = new HashMap<>();
        for (JsonNode forecast : output.isArray() ? output : output.path("forecasts")) {
            versions.putIfAbsent(forecast.path("productId").asString(), forecast.path("modelVersion").asString(null));
        }
        MonitorProperties.Capture shape = properties.capture();
        JsonNode products = input.isArray() ? input : input.path(shape.productsField());
        for (JsonNode product : products) {
            Map<String, Object> features = new LinkedHashMap<>();
            product.properties().forEach(field -> {
                if (field.getKey().equals(shape.attributesField())) {
                    field.getValue().properties().forEach(a -> {
                        if (!a.getValue().isNull()) {
                            features.put(a.getKey(), value(a.getValue()));
                        }
                    });
                } else if (!shape.identifierFields().contains(field.getKey()) && field.getValue().isValueNode()
                        && !field.getValue().isNull()) { // an optional field left out is absent, not a value
                    features.put(field.getKey(), value(field.getValue()));
                }
            });
            String productId = product.path(shape.productIdField()).asString();
            records.accept(new CapturedRecord(metadata.path("inferenceId").asString(), at, productId,
                    versions.get(productId), features));
        }
    }

    private static Object value(JsonNode node) {
        return node.isNumber() ? (Object) node.asDouble() : node.asString();
    }
}

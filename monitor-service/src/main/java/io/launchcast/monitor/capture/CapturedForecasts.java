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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the forecasts themselves out of the capture (the outputs, where {@link CaptureReader} reads the inputs):
 * whatever channel wrote them ({@code /forecasts} answers a list, {@code /invocations} a list per product, batch
 * jobs one product's list), each forecast object with a product id and periods is one {@link CapturedForecast}.
 * Only forecasts a filter keeps are held, so a join with a few thousand actuals does not hold a year of capture.
 */
@Component
public class CapturedForecasts {

    private static final Logger log = LoggerFactory.getLogger(CapturedForecasts.class);
    private static final DateTimeFormatter HOUR_PATH = DateTimeFormatter.ofPattern("yyyy/MM/dd/HH").withZone(ZoneOffset.UTC);

    private final ObjectStore store;
    private final JsonMapper json;
    private final MonitorProperties properties;
    private final CaptureIndex index;

    public CapturedForecasts(ObjectStore store, JsonMapper json, MonitorProperties properties) {
        this.store = store;
        this.json = json;
        this.properties = properties;
        this.index = new CaptureIndex(store, json, this::productsOf);
    }

    /**
     * The forecasts of {@code products} captured at {@code endpoint} that {@code keep} accepts, reading only the
     * capture objects the {@link CaptureIndex} names for those products (indexing, once, the objects it does not
     * know yet).
     */
    public List<CapturedForecast> read(String endpoint, Set<String> products, Predicate<CapturedForecast> keep) {
        List<CapturedForecast> kept = new ArrayList<>();
        forEach(select(endpoint, products), f -> products.contains(f.productId()) && keep.test(f), kept::add);
        return kept;
    }

    /**
     * The capture objects of {@code endpoint} that may forecast any of {@code products} (through the
     * {@link CaptureIndex}, indexing once the objects it does not know yet), or every capture object when
     * {@code products} is null: a reader after a million products reads nearly every object anyway, and testing a
     * million ids against each object's filter would cost more than it saves.
     */
    public CaptureSelection select(String endpoint, Set<String> products) {
        return index.objectsWith(endpoint, store.list("capture/" + endpoint + "/AllTraffic/"),
                products == null ? filter -> true : CaptureIndex.anyOf(products));
    }

    /**
     * Hands the forecasts of the selected objects that {@code keep} accepts to {@code each}, one at a time and in
     * capture order, holding none of them: what a reader of a million forecasts needs.
     */
    public void forEach(CaptureSelection selection, Predicate<CapturedForecast> keep, Consumer<CapturedForecast> each) {
        forEach(selection.objects(), selection.endpoint(), keep, each);
    }

    private Set<String> productsOf(ObjectSummary object) {
        Set<String> products = new HashSet<>();
        forEach(List.of(object), object.key(), f -> true, f -> products.add(f.productId()));
        return products;
    }

    /** Every forecast captured at {@code endpoint} that {@code keep} accepts, in capture order. */
    public List<CapturedForecast> read(String endpoint, Predicate<CapturedForecast> keep) {
        return read(store.list("capture/" + endpoint + "/AllTraffic/"), endpoint, keep);
    }

    /** The forecasts captured at {@code endpoint} in [from, to) that {@code keep} accepts. */
    public List<CapturedForecast> read(String endpoint, Instant from, Instant to, Predicate<CapturedForecast> keep) {
        List<CapturedForecast> kept = new ArrayList<>();
        forEach(endpoint, from, to, keep, kept::add);
        return kept;
    }

    /** Hands the forecasts captured at {@code endpoint} in [from, to) that {@code keep} accepts to {@code each}. */
    public void forEach(String endpoint, Instant from, Instant to, Predicate<CapturedForecast> keep,
            Consumer<CapturedForecast> each) {
        String prefix = "capture/" + endpoint + "/AllTraffic/";
        // objects sit under the hour of their first record: the hours of the window bound the listing
        String first = prefix + HOUR_PATH.format(from.truncatedTo(ChronoUnit.HOURS));
        String last = prefix + HOUR_PATH.format(to) + "/\uffff";
        List<ObjectSummary> objects = store.list(prefix).stream()
                .filter(o -> o.key().compareTo(first) >= 0 && o.key().compareTo(last) <= 0).toList();
        forEach(objects, endpoint, f -> !f.at().isBefore(from) && f.at().isBefore(to) && keep.test(f), each);
    }

    private List<CapturedForecast> read(List<ObjectSummary> objects, String endpoint, Predicate<CapturedForecast> keep) {
        List<CapturedForecast> kept = new ArrayList<>();
        forEach(objects, endpoint, keep, kept::add);
        return kept;
    }

    private void forEach(List<ObjectSummary> objects, String endpoint, Predicate<CapturedForecast> keep,
            Consumer<CapturedForecast> each) {
        long malformed = 0;
        for (ObjectSummary object : objects) {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(store.open(object.key()),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.isBlank()) {
                        continue;
                    }
                    try {
                        for (CapturedForecast forecast : parse(line)) {
                            if (keep.test(forecast)) {
                                each.accept(forecast);
                            }
                        }
                    } catch (JacksonException | IllegalArgumentException | java.time.DateTimeException e) {
                        malformed++;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + object.key() + " failed", e);
            }
        }
        if (malformed > 0) {
            log.warn("{} captured lines at {} held no readable forecast", malformed, endpoint);
        }
    }

    List<CapturedForecast> parse(String line) {
        JsonNode event = json.readTree(line);
        JsonNode metadata = event.path("eventMetadata");
        String inferenceId = metadata.path("inferenceId").asString();
        Instant at = Instant.parse(metadata.path("inferenceTime").asString());
        JsonNode data = event.path("captureData");
        Map<String, Map<String, String>> attributes = new HashMap<>();
        products(json.readTree(data.path("endpointInput").path("data").asString()), attributes);
        List<JsonNode> forecasts = new ArrayList<>();
        forecasts(json.readTree(data.path("endpointOutput").path("data").asString()), forecasts);
        List<CapturedForecast> parsed = new ArrayList<>(forecasts.size());
        for (JsonNode f : forecasts) {
            String productId = f.path("productId").asString();
            List<CapturedForecast.Period> periods = new ArrayList<>();
            for (JsonNode p : f.path("periods")) {
                Map<String, Double> quantiles = new LinkedHashMap<>();
                p.path("quantiles").properties().forEach(q -> quantiles.put(q.getKey(), q.getValue().asDouble()));
                periods.add(new CapturedForecast.Period(p.path("period").asInt(),
                        LocalDate.parse(p.path("periodStart").asString()), p.path("mean").asDouble(), quantiles));
            }
            JsonNode region = f.path("region");
            JsonNode launch = f.path("launchDate");
            parsed.add(new CapturedForecast(inferenceId, at, productId,
                    region.isString() ? region.asString() : null, f.path("modelVersion").asString(null),
                    launch.isString() ? LocalDate.parse(launch.asString()) : null,
                    attributes.getOrDefault(productId, Map.of()), List.copyOf(periods)));
        }
        return parsed;
    }

    /** Collects forecast objects (a product id and periods) at any depth of lists and wrapper objects. */
    private static void forecasts(JsonNode node, List<JsonNode> into) {
        if (node.isArray()) {
            node.forEach(n -> forecasts(n, into));
        } else if (node.isObject()) {
            if (node.has("productId") && node.path("periods").isArray()) {
                into.add(node);
            } else {
                node.properties().forEach(field -> {
                    if (field.getValue().isContainer()) {
                        forecasts(field.getValue(), into);
                    }
                });
            }
        }
    }

    /** Collects each requested product's attribute map by product id (a list, a request, or one product). */
    private void products(JsonNode node, Map<String, Map<String, String>> into) {
        MonitorProperties.Capture shape = properties.capture();
        if (node.isArray()) {
            node.forEach(n -> products(n, into));
        } else if (node.isObject()) {
            if (node.has(shape.productIdField())) {
                Map<String, String> attributes = new LinkedHashMap<>();
                node.path(shape.attributesField()).properties().forEach(a -> {
                    if (a.getValue().isValueNode() && !a.getValue().isNull()) {
                        attributes.put(a.getKey(), a.getValue().asString());
                    }
                });
                into.putIfAbsent(node.path(shape.productIdField()).asString(), attributes);
            } else if (node.has(shape.productsField())) {
                products(node.path(shape.productsField()), into);
            }
        }
    }
}

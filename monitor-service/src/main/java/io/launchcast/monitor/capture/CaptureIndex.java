package io.launchcast.monitor.capture;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.launchcast.platform.objectstore.ObjectStore;
import io.launchcast.platform.objectstore.ObjectSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Which products each capture object (one batch of captured inferences) holds, so that joining actuals reads only
 * the objects that forecast the products concerned instead of the whole capture. One index object per endpoint and
 * capture day, {@code monitoring/capture-index/<endpoint>/<yyyy>/<MM>/<dd>.json}, lists the day's capture objects
 * with their entity tag, how many products they forecast and a {@link ProductFilter} of those products (10 bits a
 * product, not the ids: a day of a million captured forecasts indexes in about 1.7 MB, where the ids took 12 MB
 * of JSON and 70 MB of strings on every join). An object not in the index yet (or replaced: another entity tag; or
 * indexed by an earlier version with a list of ids) is read once to index it, and the day's index is rewritten
 * whole (a write is atomic); objects the capture's retention removed leave the index on the next use. Capture
 * objects are immutable once written, so an entry stays true. A filter's false positive costs one object read in
 * vain: readers check every forecast they read against the products they are after.
 */
final class CaptureIndex {

    static final String PREFIX = "monitoring/capture-index/";

    /**
     * One capture object and the products its forecasts are of.
     *
     * @param productCount how many distinct products it forecasts (not {@code products}: that was the earlier
     *        format's list of ids, which is ignored)
     * @param filter {@link ProductFilter#encoded()} of those products; null in an entry of the earlier format
     */
    @JsonIgnoreProperties(ignoreUnknown = true) // the earlier format listed the ids
    record Entry(String key, String eTag, Integer productCount, String filter) {
    }

    /** A day of an endpoint's capture. */
    record Day(List<Entry> objects) {
    }

    private final ObjectStore store;
    private final JsonMapper json;
    private final Function<ObjectSummary, Set<String>> productsOf;

    /**
     * @param productsOf reads a capture object and answers the ids of the products it holds forecasts of
     */
    CaptureIndex(ObjectStore store, JsonMapper json, Function<ObjectSummary, Set<String>> productsOf) {
        this.store = store;
        this.json = json;
        this.productsOf = productsOf;
    }

    /**
     * The capture objects among {@code objects} (one endpoint's) that may hold a forecast of a product
     * {@code may} accepts the filter of, and how many products those objects forecast.
     */
    synchronized CaptureSelection objectsWith(String endpoint, List<ObjectSummary> objects,
            Predicate<ProductFilter> may) {
        Map<String, List<ObjectSummary>> byDay = new TreeMap<>();
        String capturePrefix = "capture/" + endpoint + "/AllTraffic/";
        for (ObjectSummary object : objects) {
            byDay.computeIfAbsent(day(capturePrefix, object.key()), d -> new ArrayList<>()).add(object);
        }
        List<ObjectSummary> wanted = new ArrayList<>();
        long[] products = new long[1];
        byDay.forEach((day, ofDay) -> {
            Map<String, Entry> index = indexed(endpoint, day, ofDay);
            for (ObjectSummary object : ofDay) {
                Entry entry = index.get(object.key());
                if (entry.productCount() > 0 && may.test(ProductFilter.decode(entry.filter()))) {
                    wanted.add(object);
                    products[0] += entry.productCount();
                }
            }
        });
        return new CaptureSelection(endpoint, wanted, products[0]);
    }

    /** A test of a filter: whether it may hold any of {@code products} (a few ids, asked one by one). */
    static Predicate<ProductFilter> anyOf(Set<String> products) {
        return filter -> products.stream().anyMatch(filter::mightContain);
    }

    /** The day's index, brought up to date with the listing (and kept when it changed). */
    private Map<String, Entry> indexed(String endpoint, String day, List<ObjectSummary> listed) {
        String key = PREFIX + endpoint + "/" + day + ".json";
        Map<String, Entry> index = new LinkedHashMap<>();
        if (store.head(key).isPresent()) {
            json.readValue(store.read(key), Day.class).objects().forEach(e -> index.put(e.key(), e));
        }
        boolean changed = index.keySet().retainAll(listed.stream().map(ObjectSummary::key).toList());
        for (ObjectSummary object : listed) {
            Entry entry = index.get(object.key());
            if (entry == null || entry.filter() == null || entry.productCount() == null
                    || !Objects.equals(entry.eTag(), object.eTag()) || !readable(entry.filter())) {
                Set<String> products = productsOf.apply(object);
                ProductFilter filter = ProductFilter.sizedFor(products.size());
                products.forEach(filter::add);
                index.put(object.key(), new Entry(object.key(), object.eTag(), products.size(), filter.encoded()));
                changed = true;
            }
        }
        if (changed) {
            store.put(key, json.writeValueAsBytes(new Day(List.copyOf(index.values()))), "application/json");
        }
        return index;
    }

    /** Whether a stored filter can be read (one of another encoding is indexed again). */
    private static boolean readable(String filter) {
        try {
            ProductFilter.decode(filter);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** {@code yyyy/MM/dd} of a capture key ({@code capture/<endpoint>/AllTraffic/yyyy/MM/dd/HH/...}), else "other". */
    private static String day(String capturePrefix, String key) {
        String[] path = key.substring(capturePrefix.length()).split("/");
        return path.length >= 4 ? path[0] + "/" + path[1] + "/" + path[2] : "other";
    }
}

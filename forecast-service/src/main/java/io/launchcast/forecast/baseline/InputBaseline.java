package io.launchcast.forecast.baseline;

import io.launchcast.features.compute.LaunchFeatureComputer;
import io.launchcast.features.dataset.Product;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The reference of what a model version reads of a product, as Model Monitor's {@code statistics.json} and
 * {@code constraints.json}: the monitor checks each window of captured requests against it. A feature is there
 * because the version reads it, with the completeness its fit launches had:
 * <ul>
 * <li>each categorical attribute it learned from, with its values' counts (unseen values and drift are checked);</li>
 * <li>each free-text attribute (a name, a description): present or not, but every new product brings new words, so
 *     its unseen values are no violation and no drift of its values is measured;</li>
 * <li>each numeric attribute, and the price when a fit launch has one, with the values in a KLL sketch.</li>
 * </ul>
 * Other attributes of the products (an image path, an id-like code) are not read by the model and not in the
 * baseline: a request that sends one is told so ({@code extra_column_check}).
 */
public final class InputBaseline {

    /** The request field (and feature) of a product's price. */
    public static final String PRICE = "price";

    private InputBaseline() {
    }

    /** The two files' contents, ready to be written as JSON; the caller may add to the constraints. */
    public record Files(Map<String, Object> statistics, Map<String, Object> constraints) {
    }

    /**
     * The baseline of {@code fit}'s products for a version reading the {@code categorical}, {@code text} and
     * {@code numeric} attributes and the price.
     */
    public static Files of(List<Product> fit, List<String> categorical, List<String> text, List<String> numeric) {
        List<Map<String, Object>> features = new ArrayList<>();
        List<Map<String, Object>> constraints = new ArrayList<>();
        int items = fit.size();
        for (String name : categorical) {
            Map<String, Long> counts = new TreeMap<>();
            fit.forEach(p -> {
                String value = p.attributes().get(name);
                if (value != null) {
                    counts.merge(value, 1L, Long::sum);
                }
            });
            long present = counts.values().stream().mapToLong(Long::longValue).sum();
            features.add(stringFeature(name, present, items, counts.size(), Map.of("categorical", counts)));
            constraints.add(constraint(name, "String", present, items, null));
        }
        for (String name : text) {
            long present = fit.stream().filter(p -> p.attributes().get(name) != null).count();
            long distinct = fit.stream().map(p -> p.attributes().get(name)).filter(v -> v != null).distinct().count();
            features.add(stringFeature(name, present, items, distinct, null));
            constraints.add(constraint(name, "String", present, items, Map.of("unseen_share_max", 1.0)));
        }
        for (String name : numeric) {
            double[] values = fit.stream().map(p -> LaunchFeatureComputer.numericValue(p.attributes().get(name)))
                    .filter(v -> v != null).mapToDouble(Double::doubleValue).toArray();
            features.add(ForecastStatistics.numericFeature(name, values, items - values.length));
            constraints.add(constraint(name, "Fractional", values.length, items, null));
        }
        double[] prices = fit.stream().map(Product::price).filter(v -> v != null && Double.isFinite(v))
                .mapToDouble(Double::doubleValue).toArray();
        if (prices.length > 0) {
            features.add(ForecastStatistics.numericFeature(PRICE, prices, items - prices.length));
            constraints.add(constraint(PRICE, "Fractional", prices.length, items, null));
        }
        Map<String, Object> statistics = new LinkedHashMap<>();
        statistics.put("version", 0.0);
        statistics.put("dataset", Map.of("item_count", items));
        statistics.put("features", features);
        Map<String, Object> constraintsFile = new LinkedHashMap<>();
        constraintsFile.put("version", 0.0);
        constraintsFile.put("features", constraints);
        return new Files(statistics, constraintsFile);
    }

    private static Map<String, Object> stringFeature(String name, long present, int items, long distinct,
            Map<String, Object> distribution) {
        Map<String, Object> strings = new LinkedHashMap<>();
        strings.put("common", Map.of("num_present", present, "num_missing", items - present));
        strings.put("distinct_count", distinct);
        if (distribution != null) {
            strings.put("distribution", distribution);
        }
        Map<String, Object> feature = new LinkedHashMap<>();
        feature.put("name", name);
        feature.put("inferred_type", "String");
        feature.put("string_statistics", strings);
        return feature;
    }

    private static Map<String, Object> constraint(String name, String type, long present, int items,
            Map<String, Object> stringConstraints) {
        Map<String, Object> constraint = new LinkedHashMap<>();
        constraint.put("name", name);
        constraint.put("inferred_type", type);
        constraint.put("completeness", items == 0 ? 1.0 : (double) present / items);
        if (stringConstraints != null) {
            constraint.put("string_constraints", stringConstraints);
        }
        return constraint;
    }
}

package io.launchcast.features.compute;

import io.launchcast.features.dataset.Product;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The assortment plan: which products launch in which period, from the products table (product metadata,
 * never sales). A retailer knows its launch plan before the launches happen, so how many products launch
 * alongside a product, and how many of them share its attributes (cannibalisation, collection pushes), is
 * known at forecast time. Only used when {@link FeatureDefinitions#launchPlan()} is on.
 */
public final class LaunchPlan {

    private final FeatureDefinitions definitions;
    private final Map<LocalDate, Integer> perPeriod = new HashMap<>();
    private final Map<String, Integer> perPeriodAndValue = new HashMap<>();

    public LaunchPlan(List<Product> products, FeatureDefinitions definitions) {
        this.definitions = definitions;
        for (Product p : products) {
            LocalDate period = definitions.period().calendarStart(p.launchDate());
            perPeriod.merge(period, 1, Integer::sum);
            for (String a : definitions.attributes()) {
                String v = p.attribute(a);
                if (v != null) {
                    perPeriodAndValue.merge(period + "|" + a + "|" + v, 1, Integer::sum);
                }
            }
        }
    }

    /** Adds {@code plan.launches} and {@code plan.<a>.launches} for the product's launch period. */
    void addFeatures(Product product, Map<String, Double> numeric) {
        LocalDate period = definitions.period().calendarStart(product.launchDate());
        numeric.put("plan.launches", (double) perPeriod.getOrDefault(period, 0));
        for (String a : definitions.attributes()) {
            String v = product.attribute(a);
            if (v != null) {
                numeric.put("plan." + a + ".launches",
                        (double) perPeriodAndValue.getOrDefault(period + "|" + a + "|" + v, 0));
            }
        }
    }
}

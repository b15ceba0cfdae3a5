package io.launchcast.forecast.serving;

import io.launchcast.features.compute.FeatureDefinitions;
import io.launchcast.features.dataset.Product;
import io.launchcast.features.dataset.SalesRecord;
import java.time.LocalDate;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Each region's share of what launches sold in their first {@code horizon} periods, in the data a model learned
 * from. The model forecasts a product's sales over all regions (its launch curves sum the regions); a forecast asked
 * for a region is that total times the region's share: top-down disaggregation by historical proportions, the
 * usual way of splitting a forecast made where the data are richest. Quantiles are scaled alike, which assumes a
 * region's sales move with the total; a region's own sales vary more, so its intervals are, if anything, narrow.
 */
public final class RegionShares implements Consumer<SalesRecord> {

    private final Map<String, LocalDate[]> horizonOf = new HashMap<>();
    /** Units per region; a counter per region, not a boxed sum, since every sales row of the version passes here. */
    private final Map<String, long[]> units = new HashMap<>();

    /** Counts the sales rows of {@code products}' first {@code definitions.horizon()} periods, by region. */
    public RegionShares(List<Product> products, FeatureDefinitions definitions) {
        for (Product p : products) {
            LocalDate first = definitions.anchor().firstPeriodStart(definitions.period(), p.launchDate());
            horizonOf.put(p.id(), new LocalDate[] {first, definitions.period().plus(first, definitions.horizon())});
        }
    }

    /** Takes one sales row (net returns included, as the launch curves take them). */
    @Override
    public void accept(SalesRecord row) {
        LocalDate[] horizon = horizonOf.get(row.productId());
        if (horizon != null && !row.periodStart().isBefore(horizon[0]) && row.periodStart().isBefore(horizon[1])) {
            units.computeIfAbsent(row.region(), r -> new long[1])[0] += row.units();
        }
    }

    /** Per region (sorted), its share of the units counted; regions that sold nothing in a launch horizon, none. */
    public Map<String, Double> shares() {
        double total = units.values().stream().mapToLong(sold -> sold[0]).filter(u -> u > 0).sum();
        Map<String, Double> shares = new TreeMap<>();
        units.forEach((region, sold) -> {
            if (sold[0] > 0 && total > 0) {
                shares.put(region, sold[0] / total);
            }
        });
        return Collections.unmodifiableMap(shares);
    }
}

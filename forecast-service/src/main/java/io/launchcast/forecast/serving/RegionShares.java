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
 * from, and the share a launch's own regions typically cover (its footprint). The model forecasts a product's sales
 * over the regions it is sold in without knowing which (no model reads them): its total is that of a launch with the
 * typical footprint. A forecast asked for a region is that total times the region's share over the typical
 * footprint: the region's sales at the product's rate, so a launch in one store is not given a chain's total, and one
 * everywhere gets more than a typical launch (ADR 0170). Quantiles are scaled alike, which assumes a region's sales
 * move with the total; a region's own sales vary more, so its intervals are, if anything, narrow.
 */
public final class RegionShares implements Consumer<SalesRecord> {

    private final Map<String, LocalDate[]> horizonOf = new HashMap<>();
    /** Units per region; a counter per region, not a boxed sum, since every sales row of the version passes here. */
    private final Map<String, long[]> units = new HashMap<>();
    /** Regions by number, so that each launch keeps the few it sold in as a small array of ints. */
    private final Map<String, Integer> regionIds = new HashMap<>();
    private final List<String> regionNames = new java.util.ArrayList<>();
    /** Per launch, the regions it sold in within its horizon (ids, unsorted, no repeats). */
    private final Map<String, int[]> soldIn = new HashMap<>();

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
            if (row.units() > 0) {
                int id = regionIds.computeIfAbsent(row.region(), r -> {
                    regionNames.add(r);
                    return regionNames.size() - 1;
                });
                soldIn.merge(row.productId(), new int[] {id}, RegionShares::withRegion);
            }
        }
    }

    private static int[] withRegion(int[] regions, int[] one) {
        for (int r : regions) {
            if (r == one[0]) {
                return regions;
            }
        }
        int[] more = java.util.Arrays.copyOf(regions, regions.length + 1);
        more[regions.length] = one[0];
        return more;
    }

    /**
     * The mean over launches that sold of the share their regions cover: 1 when every launch sells everywhere (or
     * the data have one region), smaller when launches sell in some of a chain's stores.
     */
    public double typicalFootprint() {
        Map<String, Double> shares = shares();
        double[] byId = new double[regionNames.size()];
        for (int i = 0; i < byId.length; i++) {
            byId[i] = shares.getOrDefault(regionNames.get(i), 0.0);
        }
        double sum = 0;
        int launches = 0;
        for (int[] regions : soldIn.values()) {
            double covered = 0;
            for (int r : regions) {
                covered += byId[r];
            }
            if (covered > 0) {
                sum += covered;
                launches++;
            }
        }
        return launches == 0 ? 1 : Math.min(1, sum / launches);
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

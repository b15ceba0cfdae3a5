package io.launchcast.features.compute;

import io.launchcast.features.dataset.Product;
import java.time.LocalDate;

/**
 * The first {@code horizon} periods of a product's sales after launch (summed over regions). A cell is NaN
 * when the dataset does not cover that period yet; a covered period without a sales row counts as zero.
 * {@code periodEnds[h]} is the first day after period h: the cell is known at any date on or after it.
 */
public record LaunchCurve(Product product, double[] units, LocalDate[] periodEnds) {

    /** How many leading periods had ended by {@code asOf}; only those may be used as of that date. */
    public int knownPeriods(LocalDate asOf) {
        int m = 0;
        while (m < periodEnds.length && !periodEnds[m].isAfter(asOf) && !Double.isNaN(units[m])) {
            m++;
        }
        return m;
    }

    /** Leading periods known on {@code asOf} under {@code knowledge}. */
    public int knownPeriods(LocalDate asOf, FeatureDefinitions.Knowledge knowledge) {
        if (knowledge == FeatureDefinitions.Knowledge.PERIOD_ENDED) {
            return knownPeriods(asOf);
        }
        if (!product.launchDate().isBefore(asOf)) {
            return 0;
        }
        int m = 0;
        while (m < units.length && !Double.isNaN(units[m])) {
            m++;
        }
        return m;
    }

    /** Whether every period of the horizon is covered by the dataset (a usable training target). */
    public boolean complete() {
        for (double u : units) {
            if (Double.isNaN(u)) {
                return false;
            }
        }
        return true;
    }

    /** Sum of the first {@code n} periods. */
    public double total(int n) {
        double s = 0;
        for (int h = 0; h < n; h++) {
            s += units[h];
        }
        return s;
    }
}

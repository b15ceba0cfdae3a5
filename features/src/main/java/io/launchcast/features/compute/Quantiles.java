package io.launchcast.features.compute;

/** Empirical quantiles, shared by cohort features and the forecast intervals so both mean the same thing. */
public final class Quantiles {

    private Quantiles() {
    }

    /** The {@code q} quantile of ascending {@code sorted} values, interpolating linearly between neighbours. */
    public static double ofSorted(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}

package io.launchcast.forecast.model;

import io.launchcast.features.compute.Quantiles;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Conformal-style intervals: per horizon period, empirical quantiles of actual/forecast ratios measured on
 * held-out past launches; a quantile forecast is the mean forecast times that ratio. Ratios are made
 * non-decreasing in the level, so quantiles never cross. Periods with too few held-out cells borrow the
 * ratios pooled over all periods.
 */
public record QuantileCalibration(List<Double> levels, double[][] ratios) {

    private static final int MIN_CELLS = 30;

    /** Fits ratios from held-out {@code forecasts} (mean curves) and their {@code actuals}. */
    public static QuantileCalibration fit(List<double[]> forecasts, List<double[]> actuals, List<Double> levels,
                                          int horizon) {
        List<List<Double>> perPeriod = new ArrayList<>();
        List<Double> pooled = new ArrayList<>();
        for (int h = 0; h < horizon; h++) {
            perPeriod.add(new ArrayList<>());
        }
        for (int i = 0; i < forecasts.size(); i++) {
            for (int h = 0; h < horizon; h++) {
                double f = forecasts.get(i)[h];
                if (f > 1e-9) {
                    double r = actuals.get(i)[h] / f;
                    perPeriod.get(h).add(r);
                    pooled.add(r);
                }
            }
        }
        double[] pooledSorted = pooled.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double[][] ratios = new double[levels.size()][horizon];
        for (int h = 0; h < horizon; h++) {
            double[] sorted = perPeriod.get(h).size() >= MIN_CELLS
                    ? perPeriod.get(h).stream().mapToDouble(Double::doubleValue).sorted().toArray() : pooledSorted;
            double previous = 0;
            for (int q = 0; q < levels.size(); q++) {
                double r = sorted.length == 0 ? 1.0 : Quantiles.ofSorted(sorted, levels.get(q));
                ratios[q][h] = Math.max(previous, r);
                previous = ratios[q][h];
            }
        }
        return new QuantileCalibration(levels, ratios);
    }


    /** Quantile rows for a mean curve. */
    public double[][] apply(double[] mean) {
        double[][] out = new double[levels.size()][mean.length];
        for (int q = 0; q < levels.size(); q++) {
            for (int h = 0; h < mean.length; h++) {
                out[q][h] = Math.max(0, mean[h] * ratios[q][h]);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "QuantileCalibration" + levels + Arrays.deepToString(ratios);
    }
}

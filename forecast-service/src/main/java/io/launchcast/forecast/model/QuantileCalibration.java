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
 *
 * <p>Besides the configured levels, the tails 0.05 and 0.95 are calibrated: a request may ask for any level
 * between the lowest and highest calibrated one, answered by interpolating the ratios linearly between the two
 * calibrated levels around it (which keeps them non-decreasing, so requested quantiles never cross either).
 *
 * @param levels every calibrated level, ascending
 * @param ratios per calibrated level and period, the ratio to the mean
 * @param reported the levels a forecast carries unless others are asked for (the configured ones)
 */
public record QuantileCalibration(List<Double> levels, double[][] ratios, List<Double> reported) {

    private static final int MIN_CELLS = 30;
    /** Calibrated in addition to the configured levels, so that the usual tails can be asked for. */
    static final List<Double> TAILS = List.of(0.05, 0.95);

    public QuantileCalibration {
        levels = List.copyOf(levels);
        reported = reported == null ? levels : List.copyOf(reported);
    }

    /** A calibration that reports every level it calibrated (as artifacts written before tails were). */
    public QuantileCalibration(List<Double> levels, double[][] ratios) {
        this(levels, ratios, null);
    }

    /**
     * Fits ratios from held-out {@code forecasts} (mean curves) and their {@code actuals} for the configured
     * {@code reported} levels and the {@link #TAILS}.
     */
    public static QuantileCalibration fit(List<double[]> forecasts, List<double[]> actuals, List<Double> reported,
                                          int horizon) {
        List<Double> levels = java.util.stream.Stream.concat(reported.stream(), TAILS.stream()).distinct().sorted()
                .toList();
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
        return new QuantileCalibration(levels, ratios, reported);
    }

    /** The lowest and highest level a forecast can be asked for. */
    public double lowest() {
        return levels.get(0);
    }

    public double highest() {
        return levels.get(levels.size() - 1);
    }


    /** Quantile rows of the reported levels for a mean curve. */
    public double[][] apply(double[] mean) {
        return apply(mean, reported);
    }

    /**
     * Quantile rows of any {@code wanted} levels within [{@link #lowest()}, {@link #highest()}] for a mean curve.
     *
     * @throws IllegalArgumentException for a level outside the calibrated range
     */
    public double[][] apply(double[] mean, List<Double> wanted) {
        // the ratios of the wanted levels only (this runs per forecast), then scaled by the mean
        double[][] out = QuantileRows.at(levels, ratios, wanted);
        for (double[] row : out) {
            for (int h = 0; h < mean.length; h++) {
                row[h] = Math.max(0, mean[h] * row[h]);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "QuantileCalibration" + levels + Arrays.deepToString(ratios);
    }
}

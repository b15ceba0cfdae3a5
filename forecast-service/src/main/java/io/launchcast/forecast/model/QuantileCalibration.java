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
 * <p>Ratios are taken per forecast-size class (Mondrian calibration) when validation has enough cells: how far
 * actuals stray from a forecast depends on its size (a forecast of 0.2 units is met by 0 or by a carton of 12,
 * one of 200 by 150 to 260), and one pool of ratios gives small forecasts intervals too narrow and large ones
 * intervals far too wide, which is what the weighted quantile loss punishes. Each class is a quantile band of
 * the held-out forecasts; a forecast's cell takes the ratios of the class its size falls in, so coverage holds
 * within every class, not only on average.
 *
 * <p>Besides the configured levels, the tails 0.05 and 0.95 are calibrated: a request may ask for any level
 * between the lowest and highest calibrated one, answered by interpolating the ratios linearly between the two
 * calibrated levels around it (which keeps them non-decreasing, so requested quantiles never cross either).
 *
 * @param levels every calibrated level, ascending
 * @param ratios per calibrated level and period, the ratio to the mean
 * @param reported the levels a forecast carries unless others are asked for (the configured ones)
 */
public record QuantileCalibration(List<Double> levels, double[][] ratios, List<Double> reported,
                                  SizeClasses sizeClasses) {

    private static final int MIN_CELLS = 30;
    /** Held-out cells each forecast-size class needs; fewer cells in all make fewer classes (or none). */
    static final int MIN_CLASS_CELLS = 300;
    private static final int MAX_CLASSES = 4;
    /** Calibrated in addition to the configured levels, so that the usual tails can be asked for. */
    static final List<Double> TAILS = List.of(0.05, 0.95);

    /**
     * Forecast-size classes: class {@code c} holds the cells whose forecast is at most {@code upperBounds[c]}
     * (and above the previous bound; the last class is unbounded), with its own ratios per level and period.
     */
    public record SizeClasses(double[] upperBounds, double[][][] ratios) {

        int classOf(double forecast) {
            int c = 0;
            while (c < upperBounds.length && forecast > upperBounds[c]) {
                c++;
            }
            return c;
        }
    }

    public QuantileCalibration {
        levels = List.copyOf(levels);
        reported = reported == null ? levels : List.copyOf(reported);
    }

    /** A calibration without size classes (as artifacts written before they were). */
    public QuantileCalibration(List<Double> levels, double[][] ratios, List<Double> reported) {
        this(levels, ratios, reported, null);
    }

    /** A calibration that reports every level it calibrated (as artifacts written before tails were). */
    public QuantileCalibration(List<Double> levels, double[][] ratios) {
        this(levels, ratios, null, null);
    }

    /**
     * Fits ratios from held-out {@code forecasts} (mean curves) and their {@code actuals} for the configured
     * {@code reported} levels and the {@link #TAILS}.
     */
    public static QuantileCalibration fit(List<double[]> forecasts, List<double[]> actuals, List<Double> reported,
                                          int horizon) {
        List<Double> levels = java.util.stream.Stream.concat(reported.stream(), TAILS.stream()).distinct().sorted()
                .toList();
        List<double[]> cells = new ArrayList<>(); // {forecast, ratio, period}
        for (int i = 0; i < forecasts.size(); i++) {
            for (int h = 0; h < horizon; h++) {
                double f = forecasts.get(i)[h];
                if (f > 1e-9) {
                    cells.add(new double[] {f, actuals.get(i)[h] / f, h});
                }
            }
        }
        double[][] ratios = ratios(cells, levels, horizon);
        int classes = Math.min(MAX_CLASSES, cells.size() / MIN_CLASS_CELLS);
        if (classes < 2) {
            return new QuantileCalibration(levels, ratios, reported, null);
        }
        double[] sizes = cells.stream().mapToDouble(c -> c[0]).sorted().toArray();
        double[] bounds = new double[classes - 1];
        for (int c = 0; c < bounds.length; c++) {
            bounds[c] = Quantiles.ofSorted(sizes, (c + 1) / (double) classes);
        }
        SizeClasses shape = new SizeClasses(bounds, null);
        double[][][] classRatios = new double[classes][][];
        for (int c = 0; c < classes; c++) {
            int cls = c;
            classRatios[c] = ratios(cells.stream().filter(cell -> shape.classOf(cell[0]) == cls).toList(), levels,
                    horizon);
        }
        return new QuantileCalibration(levels, ratios, reported, new SizeClasses(bounds, classRatios));
    }

    /** Per level and period, the ratio quantile of {@code cells}; periods with few cells take the pooled one. */
    private static double[][] ratios(List<double[]> cells, List<Double> levels, int horizon) {
        List<List<Double>> perPeriod = new ArrayList<>();
        for (int h = 0; h < horizon; h++) {
            perPeriod.add(new ArrayList<>());
        }
        for (double[] cell : cells) {
            perPeriod.get((int) cell[2]).add(cell[1]);
        }
        double[] pooledSorted = cells.stream().mapToDouble(c -> c[1]).sorted().toArray();
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
        return ratios;
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
        // the ratios of the wanted levels only (this runs per forecast), then scaled by the mean; with size
        // classes, only the classes the periods' forecasts fall in
        double[][] out;
        double[][][] byClass = null;
        if (sizeClasses == null) {
            out = QuantileRows.at(levels, ratios, wanted);
        } else {
            out = new double[wanted.size()][mean.length];
            byClass = new double[sizeClasses.ratios().length][][];
        }
        for (int h = 0; h < mean.length; h++) {
            double[][] rows = out;
            if (byClass != null) {
                int c = sizeClasses.classOf(mean[h]);
                if (byClass[c] == null) {
                    byClass[c] = QuantileRows.at(levels, sizeClasses.ratios()[c], wanted);
                }
                rows = byClass[c];
            }
            for (int w = 0; w < out.length; w++) {
                out[w][h] = Math.max(0, mean[h] * rows[w][h]);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "QuantileCalibration" + levels + Arrays.deepToString(ratios) + (sizeClasses == null ? ""
                : " by size up to " + Arrays.toString(sizeClasses.upperBounds()) + ": "
                + Arrays.deepToString(sizeClasses.ratios()));
    }
}

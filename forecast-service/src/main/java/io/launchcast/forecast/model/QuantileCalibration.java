package io.launchcast.forecast.model;

import io.launchcast.features.compute.Quantiles;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * Conformal-style intervals: per horizon period, empirical quantiles of how actuals compared with the mean forecast
 * on held-out past launches. Periods with too few held-out cells borrow the figures pooled over all periods.
 *
 * <p>The comparison is a ratio on a shifted scale, {@code (actual + offset) / (forecast + offset)}, and a
 * quantile forecast is {@code (mean + offset) * ratio - offset}. An offset of 0 is the plain ratio to the mean,
 * right when errors grow with the forecast; a large one makes the interval a band of fixed width, right when
 * errors are a few units whatever the forecast (lumpy orders of small products). Each pool of cells takes the
 * offset, among multiples of its median forecast, whose quantiles fitted on the other validation folds have the
 * least pinball loss on each fold: cross-fitted, since every offset fits its own cells equally well, and what
 * matters is how the quantiles carry over to later launches, whose level may have moved. A forecast of 0 has no
 * ratio at all: only a positive offset gives it an interval, the quantiles of what such forecasts were met by.
 * Ratios are made non-decreasing in the level, so quantiles never cross.
 *
 * <p>Cells are pooled per forecast-size class (Mondrian calibration) when validation has enough of them: how far
 * actuals stray from a forecast depends on its size (a forecast of 0.2 units is met by 0 or by a carton of 12,
 * one of 200 by 150 to 260), and one pool gives small forecasts intervals too narrow and large ones intervals
 * far too wide, which is what the weighted quantile loss punishes. Each class is a quantile band of the held-out
 * forecasts (forecasts of 0, when there are enough of them, a class of their own); a forecast's cell takes the
 * ratios of the class its size falls in, so coverage holds within every class, not only on average.
 *
 * <p>Besides the configured levels, the tails 0.05 and 0.95 are calibrated: a request may ask for any level
 * between the lowest and highest calibrated one, answered by interpolating the ratios linearly between the two
 * calibrated levels around it (which keeps them non-decreasing, so requested quantiles never cross either).
 *
 * <p>A model's quantiles may be averaged, level by level, with unconditional ones: the quantiles of the global mean
 * curve, the same for every launch (what launches sold, whatever they are). Where the model's forecast tells big
 * sellers from small ones only roughly (a median of lumpy sales, a few units for a product that then sells
 * hundreds), its upper quantiles fall short and the unconditional ones, though blind to the product, lose less;
 * averaging quantile functions keeps them non-decreasing in the level. How much weight the model's own quantiles
 * keep is chosen on validation ({@link #chooseMix}).
 *
 * @param levels every calibrated level, ascending
 * @param ratios per calibrated level and period, the ratio on the shifted scale, all cells pooled
 * @param reported the levels a forecast carries unless others are asked for (the configured ones)
 * @param sizeClasses per forecast-size class ratios and offsets, or null for one pool
 * @param offset the shift of the pooled ratios' scale
 * @param ownWeight the weight of the model's own quantiles, the rest on {@code unconditional} (1: its own only)
 * @param unconditional per calibrated level and period, the unconditional quantile in units, or null
 */
public record QuantileCalibration(List<Double> levels, double[][] ratios, List<Double> reported,
                                  SizeClasses sizeClasses, double offset, double ownWeight,
                                  double[][] unconditional) {

    /** Cells a period of a pool needs for ratios of its own (else it takes those pooled over periods). */
    static final int MIN_CELLS = 30;
    /** Held-out cells each forecast-size class needs; fewer cells in all make fewer classes (or none). */
    static final int MIN_CLASS_CELLS = 300;
    private static final int MAX_CLASSES = 4;
    /** Calibrated in addition to the configured levels, so that the usual tails can be asked for. */
    static final List<Double> TAILS = List.of(0.05, 0.95);
    /** Offsets tried, as multiples of a pool's median positive forecast (0: the plain ratio). */
    private static final double[] OFFSET_MULTIPLES = {0, 0.1, 0.25, 0.5, 1, 2, 4};
    private static final double ZERO = 1e-9;
    /** Weights of a model's own quantiles tried against the unconditional ones, its own only first. */
    private static final double[] OWN_WEIGHTS = {1, 0.75, 0.5, 0.25, 0};

    /**
     * Forecast-size classes: class {@code c} holds the cells whose forecast is at most {@code upperBounds[c]}
     * (and above the previous bound; the last class is unbounded), with its own ratios per level and period and
     * its own offset ({@code offsets} null: all 0, as artifacts written before offsets were).
     */
    public record SizeClasses(double[] upperBounds, double[][][] ratios, double[] offsets) {

        public SizeClasses(double[] upperBounds, double[][][] ratios) {
            this(upperBounds, ratios, null);
        }

        int classOf(double forecast) {
            int c = 0;
            while (c < upperBounds.length && forecast > upperBounds[c]) {
                c++;
            }
            return c;
        }

        double offset(int sizeClass) {
            return offsets == null ? 0 : offsets[sizeClass];
        }
    }

    public QuantileCalibration {
        levels = List.copyOf(levels);
        reported = reported == null ? levels : List.copyOf(reported);
        if (unconditional == null) {
            ownWeight = 1;
        } else if (!(ownWeight >= 0 && ownWeight <= 1) || unconditional.length != levels.size()) {
            throw new IllegalArgumentException("unconditional quantiles need a row per level and an own weight in"
                    + " [0, 1]");
        }
    }

    /** A calibration of the model's own quantiles only (as artifacts written before mixing were). */
    public QuantileCalibration(List<Double> levels, double[][] ratios, List<Double> reported,
                               SizeClasses sizeClasses, double offset) {
        this(levels, ratios, reported, sizeClasses, offset, 1, null);
    }

    /** A calibration of plain ratios (as artifacts written before offsets were). */
    public QuantileCalibration(List<Double> levels, double[][] ratios, List<Double> reported,
                               SizeClasses sizeClasses) {
        this(levels, ratios, reported, sizeClasses, 0);
    }

    /** A calibration without size classes (as artifacts written before they were). */
    public QuantileCalibration(List<Double> levels, double[][] ratios, List<Double> reported) {
        this(levels, ratios, reported, null, 0);
    }

    /** A calibration that reports every level it calibrated (as artifacts written before tails were). */
    public QuantileCalibration(List<Double> levels, double[][] ratios) {
        this(levels, ratios, null, null, 0);
    }

    /** A held-out cell: the forecast of one period, what it was met by, the period and the validation fold. */
    private record Cell(double forecast, double actual, int period, int fold) {
    }

    /** The ratios of one pool of cells, on the scale its offset shifts. */
    private record Pool(double[][] ratios, double offset) {
    }

    /**
     * Fits ratios from held-out {@code forecasts} (mean curves) and their {@code actuals} of one validation fold
     * for the configured {@code reported} levels and the {@link #TAILS}: offsets are then chosen in-sample.
     */
    public static QuantileCalibration fit(List<double[]> forecasts, List<double[]> actuals, List<Double> reported,
                                          int horizon) {
        return fit(forecasts, actuals, new int[forecasts.size()], reported, horizon);
    }

    /**
     * Fits ratios from held-out {@code forecasts} (mean curves) and their {@code actuals}, forecast {@code i} held
     * out in validation fold {@code foldOf[i]}, for the configured {@code reported} levels and the {@link #TAILS}.
     */
    public static QuantileCalibration fit(List<double[]> forecasts, List<double[]> actuals, int[] foldOf,
                                          List<Double> reported, int horizon) {
        List<Double> levels = java.util.stream.Stream.concat(reported.stream(), TAILS.stream()).distinct().sorted()
                .toList();
        List<Cell> cells = new ArrayList<>();
        for (int i = 0; i < forecasts.size(); i++) {
            for (int h = 0; h < horizon; h++) {
                double f = forecasts.get(i)[h];
                double a = actuals.get(i)[h];
                if (f >= 0 && Double.isFinite(f) && Double.isFinite(a)) {
                    cells.add(new Cell(f, a, h, foldOf[i]));
                }
            }
        }
        double scale = medianPositive(cells);
        Pool pooled = pool(cells, levels, reported, horizon, scale);
        double[] sizes = cells.stream().mapToDouble(Cell::forecast).filter(f -> f > ZERO).sorted().toArray();
        boolean zeroClass = cells.size() - sizes.length >= MIN_CELLS && sizes.length > 0;
        int positiveClasses = Math.min(MAX_CLASSES, sizes.length / MIN_CLASS_CELLS);
        List<Double> positiveBounds = new ArrayList<>();
        for (int c = 1; c < positiveClasses; c++) {
            double bound = Quantiles.ofSorted(sizes, c / (double) positiveClasses);
            if (positiveBounds.isEmpty() || bound > positiveBounds.get(positiveBounds.size() - 1)) {
                positiveBounds.add(bound);
            }
        }
        mergeSmallClasses(sizes, positiveBounds);
        if (positiveBounds.isEmpty() && !zeroClass) {
            return new QuantileCalibration(levels, pooled.ratios(), reported, null, pooled.offset());
        }
        List<Double> bounds = new ArrayList<>();
        if (zeroClass) {
            bounds.add(ZERO);
        }
        bounds.addAll(positiveBounds);
        SizeClasses shape = new SizeClasses(bounds.stream().mapToDouble(Double::doubleValue).toArray(), null);
        int classes = bounds.size() + 1;
        double[][][] classRatios = new double[classes][][];
        double[] offsets = new double[classes];
        for (int c = 0; c < classes; c++) {
            int cls = c;
            List<Cell> members = cells.stream().filter(cell -> shape.classOf(cell.forecast()) == cls).toList();
            double classScale = medianPositive(members);
            Pool pool = pool(members, levels, reported, horizon, classScale > 0 ? classScale : scale);
            classRatios[c] = pool.ratios();
            offsets[c] = pool.offset();
        }
        return new QuantileCalibration(levels, pooled.ratios(), reported,
                new SizeClasses(shape.upperBounds(), classRatios, offsets), pooled.offset());
    }

    /**
     * Drops the bounds that leave a class of positive forecasts with fewer than {@link #MIN_CELLS} cells, too few
     * to measure any ratio, merging it with its neighbour. Quantile bounds give every class its share only when
     * forecasts differ; where they repeat (a curve that forecasts every launch of a fold alike), a bound can fall on
     * the largest value and leave the class above it empty, and a later, larger forecast would take the ratios of
     * no cell at all: an interval of width 0.
     */
    private static void mergeSmallClasses(double[] sortedSizes, List<Double> bounds) {
        boolean merged = true;
        while (merged && !bounds.isEmpty()) {
            merged = false;
            int from = 0;
            for (int c = 0; c <= bounds.size(); c++) {
                int to = c == bounds.size() ? sortedSizes.length : upperIndex(sortedSizes, bounds.get(c));
                if (to - from < MIN_CELLS) {
                    bounds.remove(c == bounds.size() ? c - 1 : c);
                    merged = true;
                    break;
                }
                from = to;
            }
        }
    }

    /** The number of sorted values at most {@code bound}. */
    private static int upperIndex(double[] sorted, double bound) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sorted[mid] <= bound) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    private static double medianPositive(List<Cell> cells) {
        double[] positive = cells.stream().mapToDouble(Cell::forecast).filter(f -> f > ZERO).sorted().toArray();
        return positive.length == 0 ? 0 : Quantiles.ofSorted(positive, 0.5);
    }

    /**
     * The ratios of {@code cells} on the shifted scale whose quantiles of the {@code reported} levels, fitted on the
     * other folds, have the least pinball loss on each fold (in-sample with one fold); the plain ratio (offset 0)
     * wins ties, and a pool of forecasts of 0 (which have no plain ratio) takes a positive offset.
     */
    private static Pool pool(List<Cell> cells, List<Double> levels, List<Double> reported, int horizon,
                             double scale) {
        boolean allZero = cells.stream().allMatch(c -> c.forecast() <= ZERO);
        Pool best = null;
        double bestLoss = Double.POSITIVE_INFINITY;
        for (double multiple : OFFSET_MULTIPLES) {
            if (allZero && multiple == 0) {
                continue;
            }
            double offset = multiple * (scale > 0 ? scale : 1);
            double loss = crossFittedLoss(cells, levels, reported, horizon, offset);
            if (loss < bestLoss - 1e-12 * Math.max(1, Math.abs(loss))) {
                best = new Pool(ratios(cells, levels, horizon, offset), offset);
                bestLoss = loss;
            }
        }
        return best != null ? best : new Pool(ratios(cells, levels, horizon, 0), 0);
    }

    private static double crossFittedLoss(List<Cell> cells, List<Double> levels, List<Double> reported, int horizon,
                                          double offset) {
        int[] folds = cells.stream().mapToInt(Cell::fold).distinct().toArray();
        if (folds.length < 2) {
            return pinballLoss(cells, levels, new Pool(ratios(cells, levels, horizon, offset), offset), reported);
        }
        double loss = 0;
        for (int fold : folds) {
            List<Cell> others = cells.stream().filter(c -> c.fold() != fold).toList();
            List<Cell> own = cells.stream().filter(c -> c.fold() == fold).toList();
            loss += pinballLoss(own, levels, new Pool(ratios(others, levels, horizon, offset), offset), reported);
        }
        return loss;
    }

    /** Summed pinball loss over {@code cells} and the {@code reported} levels of a pool's quantiles. */
    private static double pinballLoss(List<Cell> cells, List<Double> levels, Pool pool, List<Double> reported) {
        double[][] rows = QuantileRows.at(levels, pool.ratios(), reported);
        double loss = 0;
        for (Cell cell : cells) {
            for (int w = 0; w < rows.length; w++) {
                double q = quantile(cell.forecast(), rows[w][cell.period()], pool.offset());
                double tau = reported.get(w);
                double miss = cell.actual() - q;
                loss += miss >= 0 ? tau * miss : (tau - 1) * miss;
            }
        }
        return loss;
    }

    private static double quantile(double mean, double ratio, double offset) {
        return mean + offset <= ZERO ? 0 : Math.max(0, (mean + offset) * ratio - offset);
    }

    /**
     * Per level and period, the ratio quantile of {@code cells} on the scale shifted by {@code offset}; periods with
     * few cells take the pooled one. Cells without a ratio on that scale (a forecast of 0 with offset 0) are left out.
     */
    private static double[][] ratios(List<Cell> cells, List<Double> levels, int horizon, double offset) {
        List<List<Double>> perPeriod = new ArrayList<>();
        for (int h = 0; h < horizon; h++) {
            perPeriod.add(new ArrayList<>());
        }
        List<Double> pooled = new ArrayList<>();
        for (Cell cell : cells) {
            if (cell.forecast() + offset > ZERO) {
                double ratio = (Math.max(0, cell.actual()) + offset) / (cell.forecast() + offset);
                perPeriod.get(cell.period()).add(ratio);
                pooled.add(ratio);
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
        return ratios;
    }

    /**
     * How much weight a model's own quantiles keep against unconditional ones, and the validation loss of every
     * weight tried.
     *
     * @param ownWeight the chosen weight of the model's own quantiles
     * @param lossByOwnWeight per weight tried, the weighted quantile loss (mean over the reported levels of twice
     *                        the pinball loss over the actuals) of each fold's quantiles calibrated on the others
     * @param coverage        percent of the validation cells inside the outermost reported quantiles of the chosen
     *                        weight, each fold's calibrated on the others: what the intervals carry to launches
     *                        they were not calibrated on (in-sample with one fold)
     */
    public record Mix(double ownWeight, Map<Double, Double> lossByOwnWeight, double coverage) {

        /** What was chosen, with the validation figures that chose it. */
        public String reason() {
            if (ownWeight >= 1) {
                return String.format(Locale.ROOT, "intervals: its own quantiles (validation wQL %.3f;"
                        + " averaged half and half with the global mean curve's, %.3f)", lossByOwnWeight.get(1.0),
                        lossByOwnWeight.get(0.5));
            }
            return String.format(Locale.ROOT, "intervals: %.2f its own quantiles, %.2f the global mean"
                    + " curve's (validation wQL %.3f; its own only, %.3f)", ownWeight, 1 - ownWeight,
                    lossByOwnWeight.get(ownWeight), lossByOwnWeight.get(1.0));
        }
    }

    /**
     * Chooses the weight of a model's quantiles against unconditional ones: each validation fold is forecast by
     * both calibrated on the other folds ({@code own} the model's held-out forecasts, {@code unconditional} those
     * of the global mean curve, {@code foldOf} the fold of each), and the weight whose average of the two has the
     * least pinball loss over the reported levels wins, the model's own quantiles on a tie. A single fold is
     * calibrated and scored in-sample.
     */
    public static Mix chooseMix(List<double[]> own, List<double[]> unconditional, List<double[]> actuals,
                                int[] foldOf, List<Double> reported, int horizon) {
        int[] folds = Arrays.stream(foldOf).distinct().toArray();
        double[] loss = new double[OWN_WEIGHTS.length];
        long[] inside = new long[OWN_WEIGHTS.length];
        long cells = 0;
        double total = 0;
        for (int fold : folds) {
            IntPredicate calibrating = r -> folds.length == 1 || foldOf[r] != fold;
            QuantileCalibration ownFit = fitRows(own, actuals, foldOf, reported, horizon, calibrating);
            QuantileCalibration unconditionalFit = fitRows(unconditional, actuals, foldOf, reported, horizon,
                    calibrating);
            for (int r = 0; r < actuals.size(); r++) {
                if (foldOf[r] != fold) {
                    continue;
                }
                double[][] a = ownFit.apply(own.get(r), reported);
                double[][] b = unconditionalFit.apply(unconditional.get(r), reported);
                for (int h = 0; h < horizon; h++) {
                    double y = actuals.get(r)[h];
                    if (!Double.isFinite(y)) {
                        continue;
                    }
                    total += y;
                    cells++;
                    int last = reported.size() - 1;
                    for (int w = 0; w < OWN_WEIGHTS.length; w++) {
                        double weight = OWN_WEIGHTS[w];
                        for (int q = 0; q < reported.size(); q++) {
                            double tau = reported.get(q);
                            double miss = y - (weight * a[q][h] + (1 - weight) * b[q][h]);
                            loss[w] += miss >= 0 ? tau * miss : (tau - 1) * miss;
                        }
                        boolean above = y >= weight * a[0][h] + (1 - weight) * b[0][h];
                        boolean below = y <= weight * a[last][h] + (1 - weight) * b[last][h];
                        inside[w] += above && below ? 1 : 0;
                    }
                }
            }
        }
        Map<Double, Double> byWeight = new LinkedHashMap<>();
        int best = 0;
        for (int w = 0; w < OWN_WEIGHTS.length; w++) {
            byWeight.put(OWN_WEIGHTS[w], total <= 0 ? 0 : 2 * loss[w] / total / reported.size());
            if (loss[w] < loss[best] - 1e-12 * Math.max(1, loss[best])) {
                best = w;
            }
        }
        return new Mix(OWN_WEIGHTS[best], byWeight, cells == 0 ? Double.NaN : 100.0 * inside[best] / cells);
    }

    private static QuantileCalibration fitRows(List<double[]> forecasts, List<double[]> actuals, int[] foldOf,
                                               List<Double> reported, int horizon,
                                               IntPredicate rows) {
        List<double[]> f = new ArrayList<>();
        List<double[]> a = new ArrayList<>();
        List<Integer> folds = new ArrayList<>();
        for (int r = 0; r < actuals.size(); r++) {
            if (rows.test(r)) {
                f.add(forecasts.get(r));
                a.add(actuals.get(r));
                folds.add(foldOf[r]);
            }
        }
        return fit(f, a, folds.stream().mapToInt(Integer::intValue).toArray(), reported, horizon);
    }

    /**
     * These quantiles averaged with the unconditional ones of {@code partner} (the global mean curve's
     * calibration) for its forecast {@code curve}, these keeping {@code ownWeight}.
     */
    public QuantileCalibration mixedWith(double ownWeight, QuantileCalibration partner, double[] curve) {
        if (ownWeight >= 1) {
            return unmixed();
        }
        return new QuantileCalibration(levels, ratios, reported, sizeClasses, offset, ownWeight,
                partner.apply(curve, levels));
    }

    /** The model's own quantiles only. */
    public QuantileCalibration unmixed() {
        return unconditional == null ? this
                : new QuantileCalibration(levels, ratios, reported, sizeClasses, offset);
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
        // the ratios of the wanted levels only (this runs per forecast), then applied to the mean; with size
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
            double shift = offset;
            if (byClass != null) {
                int c = sizeClasses.classOf(mean[h]);
                if (byClass[c] == null) {
                    byClass[c] = QuantileRows.at(levels, sizeClasses.ratios()[c], wanted);
                }
                rows = byClass[c];
                shift = sizeClasses.offset(c);
            }
            for (int w = 0; w < out.length; w++) {
                out[w][h] = quantile(mean[h], rows[w][h], shift);
            }
        }
        if (unconditional != null) {
            double[][] others = QuantileRows.at(levels, unconditional, wanted);
            for (int w = 0; w < out.length; w++) {
                for (int h = 0; h < out[w].length; h++) {
                    out[w][h] = ownWeight * out[w][h] + (1 - ownWeight) * others[w][h];
                }
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "QuantileCalibration" + levels + Arrays.deepToString(ratios) + " offset " + offset
                + (sizeClasses == null ? "" : " by size up to " + Arrays.toString(sizeClasses.upperBounds())
                + " offsets " + Arrays.toString(sizeClasses.offsets()) + ": "
                + Arrays.deepToString(sizeClasses.ratios()))
                + (unconditional == null ? "" : " own weight " + ownWeight + " against "
                + Arrays.deepToString(unconditional));
    }
}

package io.launchcast.forecast.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the pipeline registers, chosen on time-based validation only: one candidate alone, or a blend of them
 * times a level factor. Every candidate's validation forecasts come from models fitted on launches older than
 * the ones forecast, so their errors are honest. The registered candidate is the one with the lowest validation
 * WAPE, the simpler of two that tie (ADR 0149); the baselines are candidates, so selection cannot lose to a
 * baseline on validation, and the reason says how far the best simple candidate is behind, in standard errors of
 * their difference clustered by launch date (ADR 0162). The blend (its weights and level fitted on the same validation launches)
 * counts as the most complex candidate and competes with its cross-fitted WAPE (fitted on the other folds, scored
 * on each): its error on the launches it was fitted on flatters it, which the single candidates' errors never do
 * (ADR 0128). A blend that puts all its weight on one candidate is registered under that candidate's name.
 *
 * <p>Guards for small or drifting validation sets: a candidate whose validation error is far above the best
 * simple candidate's gets no weight in the blend; the level factor is the bias-free one of each validation
 * fold, used only when all folds call for a correction in the same direction (the smallest of them; half of it,
 * in log terms, with a single fold). A single chosen candidate gets that level too when, fitted on the other folds,
 * it lowers the WAPE of each fold (ADR 0125). Neither a blend that gives a median forecast
 * ({@link CurveModel#medianForecast}) any weight nor a single median forecast gets a level: of lumpy sales a median
 * is far below the mean by design, and the factor that removes that bias multiplies the few launches it forecasts
 * any sales for (ADR 0128).
 *
 * @param weights blend weights in candidate order (one-hot when a single candidate was chosen)
 * @param level the level factor applied after blending
 * @param chosen {@code blend} or the chosen candidate's name
 * @param reason why, in figures
 * @param validationWape validation WAPE (percent) of each candidate, of the blend, and of the blend cross-fitted
 */
record Selection(double[] weights, double level, String chosen, String reason, Map<String, Double> validationWape) {

    /** A candidate whose validation WAPE exceeds the best simple candidate's by this factor gets no weight. */
    static final double ABSURD = 1.5;
    /** Grid step of the blend weights. */
    private static final int STEPS = 10;

    /** Whether a validation WAPE is absurd next to the best simple candidate's: such a candidate gets no weight. */
    static boolean absurd(double wape, double bestSimpleWape) {
        return wape > ABSURD * bestSimpleWape;
    }

    /**
     * @param names candidate names
     * @param complexity per candidate, how much it learns (0, 1: simple averages; a blend counts as the most)
     * @param median per candidate, whether its forecast is a median ({@link CurveModel#medianForecast}: no level
     *        factor for it, alone or in a blend)
     * @param validation per candidate, its forecasts of the validation launches (rows in launch order)
     * @param actuals the validation launches' actual curves
     * @param groupOf the validation fold of each row
     * @param groups the number of folds
     * @param dateOf the launch date of each row, as any number that is the same for the rows of one date
     */
    static Selection choose(List<String> names, int[] complexity, boolean[] median, List<List<double[]>> validation,
            List<double[]> actuals, int[] groupOf, int groups, int[] dateOf) {
        int n = names.size();
        int rows = actuals.size();
        double total = 0;
        for (double[] y : actuals) {
            for (double v : y) {
                total += v;
            }
        }
        double[][] rowErrors = new double[n + 1][];
        double[] single = new double[n];
        int bestSimple = -1;
        for (int c = 0; c < n; c++) {
            double[] oneHot = new double[n];
            oneHot[c] = 1;
            rowErrors[c] = rowErrors(new Blend(oneHot, 1.0), validation, actuals);
            single[c] = sum(rowErrors[c]) / total;
            if (complexity[c] <= 1 && (bestSimple < 0 || single[c] < single[bestSimple])) {
                bestSimple = c;
            }
        }
        boolean[] admissible = new boolean[n];
        for (int c = 0; c < n; c++) {
            admissible[c] = bestSimple < 0 || !absurd(single[c], single[bestSimple]);
        }
        // one group: the validation launches' earlier and later halves cross-fit each other
        int[] crossGroups = groupOf.clone();
        int crossCount = groups;
        if (groups < 2) {
            for (int r = 0; r < crossGroups.length; r++) {
                crossGroups[r] = r < crossGroups.length / 2 ? 0 : 1;
            }
            crossCount = 2;
        }
        boolean[] all = new boolean[rows];
        java.util.Arrays.fill(all, true);
        Blend fitted = fit(validation, actuals, admissible, median, all, groupOf);
        double fittedWape = total == 0 ? 0 : sum(rowErrors(fitted, validation, actuals)) / total;
        // the blend's weights and level are fitted on the validation launches, so its error there flatters it; it
        // competes with what it scores fitted on the other folds, as every single candidate's error is out of
        // sample (ADR 0128)
        rowErrors[n] = crossFitted(fitRows -> fit(validation, actuals, admissible, median, fitRows, crossGroups),
                crossGroups, crossCount, validation, actuals);
        double blendWape = total == 0 ? 0 : sum(rowErrors[n]) / total;
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("blend", 100 * fittedWape);
        figures.put("blend.crossFitted", 100 * blendWape);
        for (int c = 0; c < n; c++) {
            figures.put(names.get(c), 100 * single[c]);
        }
        // the lowest validation error: every candidate's error is out of sample (the blend's cross-fitted), so the
        // lowest is the best estimate of the error on the launches that follow; ties go to the simpler candidate.
        // Keeping a simpler candidate within a standard error of the lowest would register a baseline that
        // validation ranks below a learned model, which then cannot beat that baseline by much (ADR 0149)
        double[] wapes = java.util.Arrays.copyOf(single, n + 1);
        wapes[n] = blendWape;
        int chosen = n;
        for (int c = 0; c < n; c++) {
            boolean tie = Math.abs(wapes[c] - wapes[chosen]) <= 1e-12 * Math.max(1, wapes[chosen]);
            if (wapes[c] < wapes[chosen] && !tie || tie && (chosen == n || complexity[c] < complexity[chosen])) {
                chosen = c;
            }
        }
        String because = String.format(Locale.ROOT, "lowest validation WAPE (%.2f%s)", 100 * wapes[chosen],
                chosen == n ? String.format(Locale.ROOT, " cross-fitted; %.2f fitted on all of validation",
                        100 * fittedWape) : "")
                + simplestComparison(chosen, bestSimple, wapes, rowErrors, total, names, dateOf);
        if (chosen == n) {
            // a blend of one candidate is that candidate times the blend's level: named as the candidate
            int alone = oneHot(fitted.weights);
            String name = alone < 0 ? "blend" : names.get(alone);
            String level = fitted.level == 1.0 ? "" : String.format(Locale.ROOT, "; level %.3f", fitted.level);
            return new Selection(fitted.weights, fitted.level, name, alone < 0 ? "blend: " + because + level
                    : name + ": the blend, all its weight on " + name + ": " + because + level, figures);
        }
        double[] oneHot = new double[n];
        oneHot[chosen] = 1;
        if (median[chosen]) {
            return new Selection(oneHot, 1.0, names.get(chosen), names.get(chosen) + ": " + because
                    + "; a median forecast, so no level factor", figures);
        }
        // the level the blend would fit for the chosen candidate alone, kept only when it holds up on launches it
        // was not fitted on (fitted on the other folds, scored on each): a lone validation bias is not a drift
        double[] levelled = crossFitted(fitRows -> new Blend(oneHot, level(oneHot, validation, actuals, fitRows,
                crossGroups)), crossGroups, crossCount, validation, actuals);
        double levelledWape = total == 0 ? 0 : sum(levelled) / total;
        figures.put(names.get(chosen) + ".levelCrossFitted", 100 * levelledWape);
        double level = 1.0;
        if (levelledWape < single[chosen]) {
            level = level(oneHot, validation, actuals, all, groupOf);
            because += String.format(Locale.ROOT, "; level %.3f (cross-fitted WAPE %.2f against %.2f without)",
                    level, 100 * levelledWape, 100 * single[chosen]);
        }
        return new Selection(oneHot, level, names.get(chosen), names.get(chosen) + ": " + because, figures);
    }

    /** The agreed level of the blend {@code weights} over {@code rows}. */
    private static double level(double[] weights, List<List<double[]>> validation, List<double[]> actuals,
            boolean[] rows, int[] groupOf) {
        double[][] blended = new double[actuals.size()][];
        for (int r = 0; r < blended.length; r++) {
            blended[r] = rows[r] ? blendRow(weights, validation, r) : null;
        }
        return agreedLevel(blended, actuals, groupOf);
    }

    /**
     * Each row's error under the blend {@code fit} makes from the other groups' rows (the rows it is given as
     * true): what a fitted blend does on launches it was not fitted on.
     */
    private static double[] crossFitted(java.util.function.Function<boolean[], Blend> fit, int[] groupOf, int groups,
            List<List<double[]>> validation, List<double[]> actuals) {
        double[] errors = new double[actuals.size()];
        for (int g = 0; g < groups; g++) {
            boolean[] fitRows = new boolean[errors.length];
            for (int r = 0; r < errors.length; r++) {
                fitRows[r] = groupOf[r] != g;
            }
            double[] ofGroup = rowErrors(fit.apply(fitRows), validation, actuals);
            for (int r = 0; r < errors.length; r++) {
                if (groupOf[r] == g) {
                    errors[r] = ofGroup[r];
                }
            }
        }
        return errors;
    }

    /**
     * How the best simple candidate (a global, level or cohort curve) compares with the chosen one, in standard
     * errors of their difference: how sure validation is that the chosen candidate learned more.
     */
    private static String simplestComparison(int chosen, int bestSimple, double[] wapes, double[][] rowErrors,
            double total, List<String> names, int[] dateOf) {
        if (bestSimple < 0 || bestSimple == chosen) {
            return "";
        }
        double gap = wapes[bestSimple] - wapes[chosen];
        String above = String.format(Locale.ROOT, "%.2f above", 100 * gap);
        if (total > 0) {
            ClusteredError error = standardError(rowErrors[chosen], rowErrors[bestSimple], dateOf);
            if (error.dates() < 2) {
                above += ", one launch date: no standard error";
            } else if (error.value() > 0) {
                above = String.format(Locale.ROOT, "%.1f standard errors above, over %d launch dates",
                        gap / (error.value() / total), error.dates());
            }
        }
        return String.format(Locale.ROOT, "; the best simple candidate, %s, %.2f (%s)", names.get(bestSimple),
                100 * wapes[bestSimple], above);
    }

    /** The index of the only non-zero weight, or -1. */
    private static int oneHot(double[] weights) {
        int only = -1;
        for (int c = 0; c < weights.length; c++) {
            if (weights[c] != 0) {
                if (only >= 0) {
                    return -1;
                }
                only = c;
            }
        }
        return only;
    }

    /** A standard error of a sum over rows, and over how many launch dates it was estimated. */
    record ClusteredError(double value, int dates) {
    }

    /**
     * The standard error of the summed difference of two candidates' row errors, clustered by launch date: the
     * launches of one date share what that date's level did to them (a season, a month's buyers), so they are
     * one draw, not many, and a launch-by-launch error made validation of a few dates look far surer than it was
     * (the cluster-robust estimator: the dates' summed deviations, scaled by dates / (dates - 1)).
     */
    static ClusteredError standardError(double[] a, double[] b, int[] dateOf) {
        int n = a.length;
        double mean = 0;
        for (int r = 0; r < n; r++) {
            mean += a[r] - b[r];
        }
        mean = n == 0 ? 0 : mean / n;
        Map<Integer, Double> byDate = new LinkedHashMap<>();
        for (int r = 0; r < n; r++) {
            byDate.merge(dateOf[r], a[r] - b[r] - mean, Double::sum);
        }
        int dates = byDate.size();
        if (dates < 2) {
            return new ClusteredError(0, dates);
        }
        double variance = 0;
        for (double deviation : byDate.values()) {
            variance += deviation * deviation;
        }
        return new ClusteredError(Math.sqrt(variance * dates / (dates - 1.0)), dates);
    }

    private static double sum(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }

    /** Each validation launch's absolute error (summed over its periods) under the blend. */
    private static double[] rowErrors(Blend blend, List<List<double[]>> validation, List<double[]> actuals) {
        double[] out = new double[actuals.size()];
        for (int r = 0; r < out.length; r++) {
            out[r] = absoluteError(blendRow(blend.weights, validation, r), blend.level, actuals.get(r));
        }
        return out;
    }

    private record Blend(double[] weights, double level) {
    }

    /**
     * The weights and level with the lowest WAPE on {@code rows}, over a grid of convex weights; weights that
     * give a median forecast any share keep the level at 1 (a median is low by design, not by drift).
     */
    private static Blend fit(List<List<double[]>> validation, List<double[]> actuals, boolean[] admissible,
            boolean[] median, boolean[] rows, int[] groupOf) {
        List<double[]> grid = new ArrayList<>();
        grid(new double[validation.size()], 0, STEPS, admissible, grid);
        Blend best = null;
        double bestError = Double.POSITIVE_INFINITY;
        double[][] blended = new double[actuals.size()][];
        for (double[] w : grid) {
            for (int r = 0; r < blended.length; r++) {
                blended[r] = rows[r] ? blendRow(w, validation, r) : null;
            }
            // the bias-free level, not the WAPE-optimal one: on skewed sales the latter chases the median down,
            // and launch levels drift upward as often as downward between the validation and later launches
            boolean withMedian = false;
            for (int c = 0; c < w.length; c++) {
                withMedian |= w[c] > 0 && median[c];
            }
            double level = withMedian ? 1.0 : agreedLevel(blended, actuals, groupOf);
            double error = 0;
            for (int r = 0; r < blended.length; r++) {
                if (blended[r] != null) {
                    error += absoluteError(blended[r], level, actuals.get(r));
                }
            }
            if (error < bestError - 1e-9) {
                bestError = error;
                best = new Blend(w, level);
            }
        }
        return best;
    }

    /** Every convex weight vector on the grid, zero for inadmissible candidates. */
    private static void grid(double[] w, int index, int remaining, boolean[] admissible, List<double[]> out) {
        if (index == w.length - 1) {
            if (admissible[index] || remaining == 0) {
                double[] copy = w.clone();
                copy[index] = remaining / (double) STEPS;
                out.add(copy);
            }
            return;
        }
        int max = admissible[index] ? remaining : 0;
        for (int k = 0; k <= max; k++) {
            w[index] = k / (double) STEPS;
            grid(w, index + 1, remaining - k, admissible, out);
        }
        w[index] = 0;
    }

    /**
     * The level correction every validation group agrees on, over the rows blended (null: not used): each group's
     * bias-free factor; when they all lie on the same side of 1, the one closest to 1, otherwise none. A single
     * group's factor is halved in log space.
     */
    private static double agreedLevel(double[][] blended, List<double[]> actuals, int[] groupOf) {
        Map<Integer, double[]> sums = new LinkedHashMap<>();
        for (int r = 0; r < blended.length; r++) {
            if (blended[r] == null) {
                continue;
            }
            double[] s = sums.computeIfAbsent(groupOf[r], g -> new double[2]);
            for (int h = 0; h < blended[r].length; h++) {
                s[0] += blended[r][h];
                s[1] += actuals.get(r)[h];
            }
        }
        double agreed = Double.NaN;
        for (double[] s : sums.values()) {
            if (s[0] <= 0 || s[1] <= 0) {
                return 1.0;
            }
            double log = Math.log(s[1] / s[0]);
            if (Double.isNaN(agreed)) {
                agreed = log;
            } else if (Math.signum(log) != Math.signum(agreed)) {
                return 1.0;
            } else if (Math.abs(log) < Math.abs(agreed)) {
                agreed = log;
            }
        }
        if (Double.isNaN(agreed)) {
            return 1.0;
        }
        return Math.exp(sums.size() == 1 ? agreed / 2 : agreed);
    }

    private static double[] blendRow(double[] w, List<List<double[]>> validation, int row) {
        double[] out = new double[validation.get(0).get(row).length];
        for (int c = 0; c < w.length; c++) {
            if (w[c] == 0) {
                continue;
            }
            double[] p = validation.get(c).get(row);
            for (int h = 0; h < out.length; h++) {
                out[h] += w[c] * p[h];
            }
        }
        return out;
    }

    private static double absoluteError(double[] forecast, double level, double[] actual) {
        double error = 0;
        for (int h = 0; h < actual.length; h++) {
            error += Math.abs(actual[h] - level * forecast[h]);
        }
        return error;
    }
}

package io.launchcast.monitor.drift;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.ToDoubleBiFunction;
import org.apache.commons.statistics.inference.ChiSquareTest;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;
import org.apache.commons.statistics.inference.PValueMethod;

/**
 * The drift measures between a reference and an observed sample. The tests are Apache Commons Statistics';
 * the distances (Wasserstein, Jensen-Shannon, PSI) are definitions, not test statistics, and are computed here.
 */
public final class DriftMeasures {

    /** Share given to a bin empty on one side, so that logarithms stay finite (the usual PSI convention). */
    private static final double EMPTY_BIN = 1e-4;
    private static final int PSI_BINS = 10;

    private DriftMeasures() {
    }

    /**
     * The fewest values a sample needs on each side for a verdict on numbers: the two-sample tests are not defined
     * below it, and a window of one request says nothing about a distribution. A smaller window gets no verdict.
     */
    public static final int MIN_NUMERIC_SAMPLE = 2;

    /**
     * A distance crosses its threshold by sampling noise alone when the window is small: one request's category
     * is a point mass, Jensen-Shannon 0.5 to 1 from any spread-out baseline, and a couple of prices are far from a
     * reference in Wasserstein terms. A window gets a verdict by a distance only when windows of its size drawn
     * from the reference itself exceed the threshold at most this often; the tests account for size themselves.
     */
    public static final double NOISE_SHARE = 0.05;
    private static final int NOISE_DRAWS = 200;
    /** Noise only shrinks as windows grow: the noise of a window this large bounds any larger one's. */
    private static final int NOISE_WINDOW_MAX = 10_000;

    /**
     * The distance that windows of {@code size} values drawn from the reference's own category shares exceed in
     * {@link #NOISE_SHARE} of the draws (a parametric bootstrap, seeded, so runs are reproducible).
     */
    public static double categoricalNoise(Map<String, Long> reference, long size,
            ToDoubleBiFunction<Map<String, Long>, Map<String, Long>> distance) {
        String[] categories = reference.keySet().toArray(String[]::new);
        long[] cumulative = new long[categories.length];
        long total = 0;
        for (int i = 0; i < categories.length; i++) {
            total += reference.get(categories[i]);
            cumulative[i] = total;
        }
        if (total == 0) {
            return 0;
        }
        int n = (int) Math.min(size, NOISE_WINDOW_MAX);
        SplittableRandom random = new SplittableRandom(n);
        double[] distances = new double[NOISE_DRAWS];
        for (int d = 0; d < NOISE_DRAWS; d++) {
            Map<String, Long> drawn = new HashMap<>();
            for (int i = 0; i < n; i++) {
                int at = Arrays.binarySearch(cumulative, random.nextLong(total) + 1);
                drawn.merge(categories[at < 0 ? -at - 1 : at], 1L, Long::sum);
            }
            distances[d] = distance.applyAsDouble(reference, drawn);
        }
        return upperNoise(distances);
    }

    /** As {@link #categoricalNoise} for numbers: windows of {@code size} values drawn from the reference sample. */
    public static double numericNoise(double[] reference, long size, ToDoubleBiFunction<double[], double[]> distance) {
        if (reference.length == 0) {
            return 0;
        }
        int n = (int) Math.min(size, NOISE_WINDOW_MAX);
        SplittableRandom random = new SplittableRandom(n);
        double[] distances = new double[NOISE_DRAWS];
        double[] drawn = new double[n];
        for (int d = 0; d < NOISE_DRAWS; d++) {
            for (int i = 0; i < n; i++) {
                drawn[i] = reference[random.nextInt(reference.length)];
            }
            distances[d] = distance.applyAsDouble(reference, drawn);
        }
        return upperNoise(distances);
    }

    private static double upperNoise(double[] distances) {
        Arrays.sort(distances);
        return distances[(int) Math.ceil((1 - NOISE_SHARE) * distances.length) - 1];
    }

    /** Why a feature got no drift verdict: its window is too small for the distance to say more than noise. */
    public static String tooFew(String feature, long values, DriftMethod method, double threshold, double noise) {
        return String.format(Locale.ROOT, "%s: no drift verdict, %d value%s too few for %s at %.3g (as many values "
                + "drawn from the reference itself exceed %.3g in %.0f%% of draws)", feature, values,
                values == 1 ? " is" : "s are", method.label(), threshold, noise, 100 * NOISE_SHARE);
    }

    /** Why a numeric feature got no drift verdict: a side has fewer than {@link #MIN_NUMERIC_SAMPLE} values. */
    public static String tooFewToCompare(String feature, long values, long referenceValues) {
        return String.format(Locale.ROOT, "%s: no drift verdict, %d value%s and %d reference values: a comparison of "
                + "distributions needs %d on each side", feature, values, values == 1 ? "" : "s", referenceValues,
                MIN_NUMERIC_SAMPLE);
    }

    /** Two-sample Kolmogorov-Smirnov p-value; asymptotic, because prices repeat and ties rule out the exact form. */
    public static double ksPValue(double[] reference, double[] observed) {
        return KolmogorovSmirnovTest.withDefaults().with(PValueMethod.ASYMPTOTIC).test(reference, observed).getPValue();
    }

    /** Chi-squared homogeneity p-value of two count tables over the union of their categories. */
    public static double chiSquaredPValue(Map<String, Long> reference, Map<String, Long> observed) {
        Set<String> categories = union(reference, observed);
        if (categories.size() < 2) {
            return 1.0;
        }
        long[] ref = new long[categories.size()];
        long[] obs = new long[categories.size()];
        int i = 0;
        for (String c : categories) {
            ref[i] = reference.getOrDefault(c, 0L);
            obs[i++] = observed.getOrDefault(c, 0L);
        }
        return ChiSquareTest.withDefaults().test(ref, obs).getPValue();
    }

    /** First Wasserstein distance between the two empirical distributions, divided by the reference's std. */
    public static double normedWasserstein(double[] reference, double[] observed, double referenceStd) {
        double[] a = reference.clone();
        double[] b = observed.clone();
        Arrays.sort(a);
        Arrays.sort(b);
        // integral of |F_a - F_b| over the merged support
        double[] all = new double[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        Arrays.sort(all);
        double distance = 0;
        int ia = 0;
        int ib = 0;
        for (int k = 0; k < all.length - 1; k++) {
            while (ia < a.length && a[ia] <= all[k]) {
                ia++;
            }
            while (ib < b.length && b[ib] <= all[k]) {
                ib++;
            }
            distance += Math.abs((double) ia / a.length - (double) ib / b.length) * (all[k + 1] - all[k]);
        }
        return referenceStd > 0 ? distance / referenceStd : distance;
    }

    /** Jensen-Shannon distance (square root of the divergence, base 2, so within [0, 1]). */
    public static double jensenShannon(Map<String, Long> reference, Map<String, Long> observed) {
        double[][] p = shares(reference, observed);
        double divergence = 0;
        for (int i = 0; i < p[0].length; i++) {
            double m = (p[0][i] + p[1][i]) / 2;
            divergence += half(p[0][i], m) + half(p[1][i], m);
        }
        return Math.sqrt(Math.max(0, divergence));
    }

    /** Population stability index of two count tables. */
    public static double psi(Map<String, Long> reference, Map<String, Long> observed) {
        double[][] p = shares(reference, observed);
        double psi = 0;
        for (int i = 0; i < p[0].length; i++) {
            double r = Math.max(p[0][i], EMPTY_BIN);
            double o = Math.max(p[1][i], EMPTY_BIN);
            psi += (o - r) * Math.log(o / r);
        }
        return psi;
    }

    /** PSI of numeric samples over the reference's deciles. */
    public static double psi(double[] reference, double[] observed) {
        double[] sorted = reference.clone();
        Arrays.sort(sorted);
        double[] edges = new double[PSI_BINS - 1];
        for (int i = 1; i < PSI_BINS; i++) {
            edges[i - 1] = sorted[Math.min(sorted.length - 1, i * sorted.length / PSI_BINS)];
        }
        return psi(binned(reference, edges), binned(observed, edges));
    }

    private static Map<String, Long> binned(double[] values, double[] edges) {
        Map<String, Long> bins = new java.util.TreeMap<>();
        for (double v : values) {
            int bin = Arrays.binarySearch(edges, v);
            bins.merge(Integer.toString(bin < 0 ? -bin - 1 : bin), 1L, Long::sum);
        }
        return bins;
    }

    private static double half(double p, double m) {
        return p > 0 ? 0.5 * p * Math.log(p / m) / Math.log(2) : 0;
    }

    private static double[][] shares(Map<String, Long> reference, Map<String, Long> observed) {
        Set<String> categories = union(reference, observed);
        double refTotal = reference.values().stream().mapToLong(Long::longValue).sum();
        double obsTotal = observed.values().stream().mapToLong(Long::longValue).sum();
        double[][] p = new double[2][categories.size()];
        int i = 0;
        for (String c : categories) {
            p[0][i] = refTotal > 0 ? reference.getOrDefault(c, 0L) / refTotal : 0;
            p[1][i++] = obsTotal > 0 ? observed.getOrDefault(c, 0L) / obsTotal : 0;
        }
        return p;
    }

    private static Set<String> union(Map<String, Long> a, Map<String, Long> b) {
        Set<String> all = new LinkedHashSet<>(a.keySet());
        all.addAll(b.keySet());
        return all;
    }
}

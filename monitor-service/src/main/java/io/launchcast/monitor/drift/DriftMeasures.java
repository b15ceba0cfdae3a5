package io.launchcast.monitor.drift;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
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

package io.launchcast.forecast.model;

import io.launchcast.features.compute.Quantiles;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Baseline: the mean curve of the fit launches, overall or of the launches sharing one attribute value
 * (falling back to the overall curve for a value never seen); or their median curve, period by period, which
 * is what an error summed over lumpy sales (WAPE) rewards.
 */
public final class MeanCurveModel implements EnsembleComponent {

    private final String name;
    private final String statistic;
    private final String attribute;
    private final double[] overall;
    private final Map<String, double[]> byValue;

    /** The median curve instead of the mean one. */
    static final String MEDIAN = "median";

    private MeanCurveModel(String name, String statistic, String attribute, double[] overall,
            Map<String, double[]> byValue) {
        this.name = name;
        this.statistic = statistic;
        this.attribute = attribute;
        this.overall = overall;
        this.byValue = byValue;
    }

    /** A cohort's curve reads the product's attribute value; the overall mean and median curves read nothing. */
    @Override
    public boolean readsTheProduct() {
        return attribute != null;
    }

    /** The mean curve of all {@code fit} launches. */
    public static MeanCurveModel global(List<LaunchExample> fit, int horizon) {
        return new MeanCurveModel("mean-curve", null, null, mean(fit, horizon), Map.of());
    }

    /** The median curve of all {@code fit} launches: per period, the median of their sales. */
    public static MeanCurveModel median(List<LaunchExample> fit, int horizon) {
        double[] curve = new double[horizon];
        for (int h = 0; h < horizon; h++) {
            int period = h;
            double[] sorted = fit.stream().mapToDouble(e -> e.actual()[period]).sorted().toArray();
            curve[h] = sorted.length == 0 ? 0 : Quantiles.ofSorted(sorted, 0.5);
        }
        return new MeanCurveModel("median-curve", MEDIAN, null, curve, Map.of());
    }

    /** The global mean curve {@code curve} (as a model artifact stores it). */
    public static MeanCurveModel global(double[] curve) {
        return new MeanCurveModel("mean-curve", null, null, curve.clone(), Map.of());
    }

    /**
     * The model a spec describes: {@code attribute} {@code null} for the global curve, {@code statistic}
     * {@link #MEDIAN} for the median one ({@code null}: the mean).
     */
    static MeanCurveModel of(String statistic, String attribute, double[] overall, Map<String, double[]> byValue) {
        if (MEDIAN.equals(statistic)) {
            return new MeanCurveModel("median-curve", MEDIAN, null, overall.clone(), Map.of());
        }
        if (attribute == null) {
            return global(overall);
        }
        Map<String, double[]> curves = new HashMap<>();
        byValue.forEach((value, curve) -> curves.put(value, curve.clone()));
        return new MeanCurveModel(attribute + "-mean-curve", null, attribute, overall.clone(), curves);
    }

    @Override
    public ComponentSpec spec() {
        return new MeanCurveSpec(statistic, attribute, overall, byValue);
    }

    /** The curve of launches without a cohort of their own (all fit launches). */
    public double[] overall() {
        return overall.clone();
    }

    /** Mean curves per value of {@code attribute}. */
    public static MeanCurveModel byAttribute(List<LaunchExample> fit, int horizon, String attribute) {
        Map<String, List<LaunchExample>> groups = new HashMap<>();
        for (LaunchExample e : fit) {
            String v = e.product().attribute(attribute);
            if (v != null) {
                groups.computeIfAbsent(v, k -> new java.util.ArrayList<>()).add(e);
            }
        }
        Map<String, double[]> byValue = new HashMap<>();
        groups.forEach((v, g) -> byValue.put(v, mean(g, horizon)));
        return new MeanCurveModel(attribute + "-mean-curve", null, attribute, mean(fit, horizon), byValue);
    }

    static double[] mean(List<LaunchExample> examples, int horizon) {
        double[] m = new double[horizon];
        for (LaunchExample e : examples) {
            for (int h = 0; h < horizon; h++) {
                m[h] += e.actual()[h];
            }
        }
        for (int h = 0; h < horizon; h++) {
            m[h] /= Math.max(1, examples.size());
        }
        return m;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean medianForecast() {
        return MEDIAN.equals(statistic);
    }

    @Override
    public double[] predict(LaunchExample example) {
        if (attribute == null) {
            return overall.clone();
        }
        return byValue.getOrDefault(example.product().attribute(attribute), overall).clone();
    }
}

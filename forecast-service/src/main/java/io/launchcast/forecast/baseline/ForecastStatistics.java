package io.launchcast.forecast.baseline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The reference of a model version's own forecasts in Model Monitor's {@code statistics.json} format: one
 * {@code Fractional} feature per series, {@code forecast_total} (a forecast's mean summed over its horizon) and
 * {@code forecast_period_<n>} (the mean of period n, counted from 1, as serving numbers its periods), each with
 * count, mean, sum, standard deviation, min, max and a KLL distribution whose sketch holds the values themselves
 * (every value up to the sketch's {@code k}, a fixed-seed sample above). The monitor reads the sketch's values as
 * the reference sample and compares each window's captured forecasts with the tests it uses for input features,
 * so this is the distribution the version produced on launches its evaluation saw, not whatever it served first.
 */
public final class ForecastStatistics {

    /** The file's name next to the version's {@code statistics.json} and {@code constraints.json}. */
    public static final String FILE = "forecast-statistics.json";
    public static final String TOTAL = "forecast_total";
    public static final String PERIOD = "forecast_period_";
    /** Values a sketch keeps: Model Monitor's default {@code k}, and plenty for a KS test or a distance. */
    static final int SKETCH_K = 2048;
    private static final int BUCKETS = 10;
    private static final long SAMPLE_SEED = 42;

    private ForecastStatistics() {
    }

    /**
     * The statistics of a set of forecasts.
     *
     * @param means per forecast, its mean per horizon period (index 0 is period 1)
     * @return the {@code statistics.json} content, ready to be written as JSON
     */
    public static Map<String, Object> of(List<double[]> means) {
        Map<String, List<Double>> series = new LinkedHashMap<>();
        series.put(TOTAL, new ArrayList<>());
        for (double[] forecast : means) {
            double total = 0;
            for (int h = 0; h < forecast.length; h++) {
                total += forecast[h];
                series.computeIfAbsent(PERIOD + (h + 1), k -> new ArrayList<>()).add(forecast[h]);
            }
            series.get(TOTAL).add(total);
        }
        List<Map<String, Object>> features = new ArrayList<>();
        series.forEach((name, values) -> features.add(feature(name,
                values.stream().mapToDouble(Double::doubleValue).toArray())));
        Map<String, Object> statistics = new LinkedHashMap<>();
        statistics.put("version", 0.0);
        statistics.put("dataset", Map.of("item_count", means.size()));
        statistics.put("features", features);
        return statistics;
    }

    private static Map<String, Object> feature(String name, double[] values) {
        return numericFeature(name, values, 0);
    }

    /**
     * A {@code Fractional} feature of {@code values} (and {@code missing} items without one) in the statistics
     * format: count, mean, sum, standard deviation, min, max and a KLL distribution whose sketch holds the values.
     */
    static Map<String, Object> numericFeature(String name, double[] values, long missing) {
        double sum = Arrays.stream(values).sum();
        double mean = values.length == 0 ? 0 : sum / values.length;
        double squares = Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum();
        double min = Arrays.stream(values).min().orElse(0);
        double max = Arrays.stream(values).max().orElse(0);
        Map<String, Object> numeric = new LinkedHashMap<>();
        numeric.put("common", Map.of("num_present", values.length, "num_missing", missing));
        numeric.put("mean", mean);
        numeric.put("sum", sum);
        numeric.put("std_dev", values.length < 2 ? 0.0 : Math.sqrt(squares / (values.length - 1)));
        numeric.put("min", min);
        numeric.put("max", max);
        numeric.put("distribution", Map.of("kll", Map.of("buckets", buckets(values, min, max),
                "sketch", Map.of("parameters", Map.of("c", 0.64, "k", (double) SKETCH_K),
                        "data", List.of(sample(values))))));
        Map<String, Object> feature = new LinkedHashMap<>();
        feature.put("name", name);
        feature.put("inferred_type", "Fractional");
        feature.put("numerical_statistics", numeric);
        return feature;
    }

    /** Equal-width buckets from min to max, the last one closed. */
    private static List<Map<String, Object>> buckets(double[] values, double min, double max) {
        if (values.length == 0) {
            return List.of();
        }
        double width = (max - min) / BUCKETS;
        long[] counts = new long[BUCKETS];
        for (double v : values) {
            counts[width == 0 ? 0 : Math.min(BUCKETS - 1, (int) ((v - min) / width))]++;
        }
        List<Map<String, Object>> buckets = new ArrayList<>();
        for (int i = 0; i < BUCKETS; i++) {
            buckets.add(Map.of("lower_bound", min + i * width, "upper_bound", i == BUCKETS - 1 ? max : min + (i + 1) * width,
                    "count", (double) counts[i]));
        }
        return buckets;
    }

    /** Every value up to {@link #SKETCH_K}, else a reservoir sample with a fixed seed (the same run, the same file). */
    private static List<Double> sample(double[] values) {
        if (values.length <= SKETCH_K) {
            return Arrays.stream(values).boxed().toList();
        }
        double[] reservoir = Arrays.copyOf(values, SKETCH_K);
        Random random = new Random(SAMPLE_SEED);
        for (int i = SKETCH_K; i < values.length; i++) {
            int j = random.nextInt(i + 1);
            if (j < SKETCH_K) {
                reservoir[j] = values[i];
            }
        }
        return Arrays.stream(reservoir).boxed().toList();
    }
}

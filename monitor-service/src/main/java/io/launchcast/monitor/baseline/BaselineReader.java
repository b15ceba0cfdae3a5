package io.launchcast.monitor.baseline;

import io.launchcast.platform.objectstore.NoSuchObjectException;
import io.launchcast.platform.objectstore.ObjectStore;
import io.launchcast.platform.objectstore.ObjectSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the baselines the training pipeline writes under {@code monitoring/baselines/<group>/v<version>/} in
 * Model Monitor's format. Read on every run, never cached: an operator edits a threshold in
 * {@code constraints.json} and the next run uses it.
 */
@Component
public class BaselineReader {

    static final String PREFIX = "monitoring/baselines/";
    private static final Pattern VERSION = Pattern.compile("/v(\\d+)/statistics\\.json$");

    private final ObjectStore store;
    private final JsonMapper json;

    public BaselineReader(ObjectStore store, JsonMapper json) {
        this.store = store;
        this.json = json;
    }

    /** The highest baseline version of {@code group}, if any was written. */
    public Optional<Integer> latestVersion(String group) {
        int latest = -1;
        for (ObjectSummary object : store.list(PREFIX + group + "/")) {
            Matcher m = VERSION.matcher(object.key());
            if (m.find()) {
                latest = Math.max(latest, Integer.parseInt(m.group(1)));
            }
        }
        return latest < 0 ? Optional.empty() : Optional.of(latest);
    }

    /** The baseline of one model version; throws {@link NoSuchObjectException} when it was never written. */
    public MonitoringBaseline read(String group, int version) {
        String base = PREFIX + group + "/v" + version + "/";
        return parse(group, version, store.read(base + "statistics.json"), store.read(base + "constraints.json"), json);
    }

    /**
     * The version's forecast-quality thresholds and cohort attribute, read on each call like the drift thresholds.
     * The file holds the thresholds in percent, as forecast-service's metrics are ({@code wape_max},
     * {@code bias_max}, {@code coverage_min}, {@code coverage_max}).
     */
    public Optional<QualityConstraints> qualityConstraints(String group, int version) {
        String key = PREFIX + group + "/v" + version + "/constraints.json";
        if (store.head(key).isEmpty()) {
            return Optional.empty();
        }
        JsonNode quality = json.readTree(store.read(key)).path("forecast_quality");
        if (!quality.isObject()) {
            return Optional.empty();
        }
        JsonNode cohort = quality.path("cohort_attribute");
        return Optional.of(new QualityConstraints(percent(quality.path("wape_max")), percent(quality.path("bias_max")),
                percent(quality.path("coverage_min")), percent(quality.path("coverage_max")),
                cohort.isString() && !cohort.asString().isBlank() ? cohort.asString() : null));
    }

    /** The file the training pipeline writes with the version's forecasts on its test launches. */
    public static final String FORECAST_STATISTICS = "forecast-statistics.json";

    /**
     * The reference of the version's own forecasts, by series ({@code forecast_total}, {@code forecast_period_<n>}),
     * from the {@value #FORECAST_STATISTICS} the pipeline wrote in Model Monitor's statistics format (each series a
     * numeric feature whose sketch holds the values); empty for a version trained before the pipeline wrote it.
     */
    public Optional<Map<String, FeatureBaseline>> forecastStatistics(String group, int version) {
        String key = PREFIX + group + "/v" + version + "/" + FORECAST_STATISTICS;
        if (store.head(key).isEmpty()) {
            return Optional.empty();
        }
        JsonNode statistics = json.readTree(store.read(key));
        long items = statistics.path("dataset").path("item_count").asLong(0);
        Map<String, FeatureBaseline> series = new LinkedHashMap<>();
        for (JsonNode f : statistics.path("features")) {
            FeatureBaseline feature = feature(f, items);
            series.put(feature.name(), feature);
        }
        return Optional.of(series);
    }

    private static Double percent(JsonNode node) {
        return node.isNumber() ? node.asDouble() / 100 : null;
    }

    /** A baseline from the two files' content. */
    public static MonitoringBaseline parse(String group, int version, byte[] statisticsJson, byte[] constraintsJson,
            JsonMapper json) {
        JsonNode statistics = json.readTree(statisticsJson);
        JsonNode constraints = json.readTree(constraintsJson);
        long items = statistics.path("dataset").path("item_count").asLong(0);
        Map<String, FeatureBaseline> features = new LinkedHashMap<>();
        for (JsonNode f : statistics.path("features")) {
            FeatureBaseline feature = feature(f, items);
            features.put(feature.name(), feature);
        }
        Map<String, FeatureConstraint> byName = new LinkedHashMap<>();
        for (JsonNode c : constraints.path("features")) {
            JsonNode overrides = c.path("monitoring_config_overrides");
            byName.put(c.path("name").asString(), new FeatureConstraint(c.path("name").asString(),
                    c.path("completeness").asDouble(1.0), text(overrides.path("comparison_method")),
                    number(overrides.path("comparison_threshold")),
                    number(c.path("string_constraints").path("unseen_share_max"))));
        }
        JsonNode distribution = constraints.path("monitoring_config").path("distribution_constraints");
        return new MonitoringBaseline(group, version, features, byName, text(distribution.path("comparison_method")),
                number(distribution.path("comparison_threshold")));
    }

    private static FeatureBaseline feature(JsonNode f, long items) {
        String name = f.path("name").asString();
        String type = f.path("inferred_type").asString("String");
        boolean numeric = type.equals("Integral") || type.equals("Fractional");
        if (numeric) {
            JsonNode stats = f.path("numerical_statistics");
            long present = stats.path("common").path("num_present").asLong(0);
            List<Double> values = new ArrayList<>();
            for (JsonNode row : stats.path("distribution").path("kll").path("sketch").path("data")) {
                for (JsonNode v : row) {
                    values.add(v.asDouble());
                }
            }
            return new FeatureBaseline(name, true, present, share(present, items),
                    values.stream().mapToDouble(Double::doubleValue).toArray(), stats.path("mean").asDouble(),
                    stats.path("std_dev").asDouble(), Map.of());
        }
        JsonNode stats = f.path("string_statistics");
        long present = stats.path("common").path("num_present").asLong(0);
        Map<String, Long> categories = new TreeMap<>();
        JsonNode categorical = stats.path("distribution").path("categorical");
        if (categorical.has("buckets")) { // Model Monitor's own shape: a list of {value, count}
            for (JsonNode bucket : categorical.path("buckets")) {
                categories.put(bucket.path("value").asString(), bucket.path("count").asLong());
            }
        } else { // the shape the training pipeline writes: value -> count
            categorical.properties().forEach(e -> categories.put(e.getKey(), e.getValue().asLong()));
        }
        return new FeatureBaseline(name, false, present, share(present, items), new double[0], 0, 0, categories);
    }

    private static double share(long present, long items) {
        return items <= 0 ? 1.0 : (double) present / items;
    }

    private static Optional<String> text(JsonNode node) {
        return node.isString() ? Optional.of(node.asString()) : Optional.empty();
    }

    private static Optional<Double> number(JsonNode node) {
        return node.isNumber() ? Optional.of(node.asDouble()) : Optional.empty();
    }
}

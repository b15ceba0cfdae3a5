package io.launchcast.forecast.accuracy;

import io.launchcast.forecast.model.ModelSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The accuracy command's configuration, read from a YAML file (see {@code forecast-service/accuracy/}). Every
 * dataset-specific choice lives here: the dataset directory, horizon, quantiles, attributes, the split and
 * the backtest origins.
 *
 * @param dataset            curated dataset version directory
 * @param baselineAttributes attributes of the attribute-kNN baseline (equal weights)
 * @param baselineK          k of the attribute-kNN baseline
 * @param cohortAttribute    attribute of the cohort baseline and of the per-cohort breakdown
 * @param split              how fit and test launches are chosen
 * @param backtest           rolling-origin backtest
 * @param launchPlan         whether features may use the launch plan (how many products launch in the same
 *                           period); only valid where the assortment plan is known before launch
 * @param splitKnowledge     what the split protocol treats as known at a launch: {@code PERIOD_ENDED}
 *                           (strict, default) or {@code LAUNCHED} (all given periods of earlier fit launches)
 * @param signalFamily       the {@code signals.signal} family to summarise; null = the dataset's only (or
 *                           first) family
 */
public record AccuracyConfig(Path dataset, ModelSettings model, List<String> baselineAttributes, int baselineK,
                             String cohortAttribute, Split split, Backtest backtest, boolean launchPlan,
                             String splitKnowledge, String signalFamily) {

    /**
     * Either a split column ({@code column}, with the values of fit and test launches) or a launch-date
     * {@code cutoff}: launches whose horizon ended before it are fit, launches on or after it are tested.
     */
    public record Split(String column, String fitValue, String testValue, LocalDate cutoff) {
    }

    /**
     * Rolling origins: {@code origins} origins {@code step} periods apart, the last one {@code step} periods
     * before the latest launch with a complete horizon; each forecasts the launches of the next {@code step}
     * periods with models trained only on launches whose horizon ended before the origin.
     */
    public record Backtest(boolean enabled, int origins, int step) {
    }

    /** Reads {@code file}; relative dataset paths resolve against the working directory. */
    public static AccuracyConfig read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            return from(root);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read configuration " + file, e);
        }
    }

    @SuppressWarnings("unchecked")
    static AccuracyConfig from(Map<String, Object> root) {
        Map<String, Object> model = map(root.get("model"));
        Map<String, Object> boosting = map(model.get("boosting"));
        ModelSettings settings = new ModelSettings(
                integer(root, "horizon", 12),
                ((List<Number>) root.getOrDefault("quantiles", List.of(0.1, 0.5, 0.9))).stream()
                        .map(Number::doubleValue).toList(),
                (List<String>) root.get("attributes"),
                ((Number) model.getOrDefault("seed", 42)).longValue(),
                number(model, "validationFraction", 0.15),
                integer(model, "validationFolds", 2),
                ((List<Number>) model.getOrDefault("analogK", List.of(10, 25, 50, 100))).stream()
                        .map(Number::intValue).toList(),
                new ModelSettings.Boosting(integer(boosting, "rounds", 300), integer(boosting, "maxDepth", 5),
                        number(boosting, "eta", 0.05), number(boosting, "subsample", 0.8),
                        number(boosting, "colsample", 0.5), number(boosting, "minChildWeight", 5),
                        integer(boosting, "threads", 2),
                        Boolean.TRUE.equals(boosting.getOrDefault("levelOffset", true))));
        Map<String, Object> split = map(root.get("split"));
        Object cutoff = split.get("cutoff");
        Map<String, Object> backtest = map(root.get("backtest"));
        Map<String, Object> baselines = map(root.get("baselines"));
        return new AccuracyConfig(Path.of(String.valueOf(root.get("dataset"))), settings,
                (List<String>) baselines.getOrDefault("knnAttributes", settings.attributes()),
                integer(baselines, "knnK", 11),
                // no attribute (a data set described by free text and price only): no cohort baseline, no breakdown
                (String) baselines.getOrDefault("cohortAttribute",
                        settings.attributes().isEmpty() ? null : settings.attributes().get(0)),
                new Split((String) split.get("column"), (String) split.getOrDefault("fitValue", "train"),
                        (String) split.getOrDefault("testValue", "test"),
                        date(cutoff)),
                new Backtest(Boolean.TRUE.equals(backtest.getOrDefault("enabled", true)),
                        integer(backtest, "origins", 4), integer(backtest, "step", 8)),
                Boolean.TRUE.equals(map(root.get("features")).getOrDefault("launchPlan", false)),
                String.valueOf(split.getOrDefault("knowledge", "PERIOD_ENDED")),
                (String) map(root.get("features")).get("signalFamily"));
    }

    private static LocalDate date(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof java.util.Date d) {
            // YAML reads an unquoted 2024-01-01 as a timestamp at UTC midnight
            return d.toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate();
        }
        return LocalDate.parse(String.valueOf(value));
    }

    /** The same configuration on another dataset directory. */
    public AccuracyConfig withDataset(Path other) {
        return new AccuracyConfig(other, model, baselineAttributes, baselineK, cohortAttribute, split, backtest,
                launchPlan, splitKnowledge, signalFamily);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o == null ? Map.of() : (Map<String, Object>) o;
    }

    private static int integer(Map<String, Object> m, String key, int fallback) {
        return ((Number) m.getOrDefault(key, fallback)).intValue();
    }

    private static double number(Map<String, Object> m, String key, double fallback) {
        return ((Number) m.getOrDefault(key, fallback)).doubleValue();
    }
}

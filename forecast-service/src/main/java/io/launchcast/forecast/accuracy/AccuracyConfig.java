package io.launchcast.forecast.accuracy;

import io.launchcast.forecast.model.ModelSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.dataformat.yaml.YAMLMapper;

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
 * @param fromMapping        what the file leaves to the dataset's mapping (its categorical attributes), resolved by
 *                           {@link #resolvedFor}; null when the file lists its attributes
 */
public record AccuracyConfig(Path dataset, ModelSettings model, List<String> baselineAttributes, int baselineK,
                             String cohortAttribute, Split split, Backtest backtest, boolean launchPlan,
                             String splitKnowledge, String signalFamily, FromMapping fromMapping) {

    /**
     * A file without {@code attributes}: the models use the mapping's categorical attributes in its order, and the
     * baselines that were not given their own follow them.
     */
    public record FromMapping(boolean knnAttributes, boolean cohortAttribute) {
    }

    /**
     * Either a split column ({@code column}, with the values of fit and test launches) or a launch-date
     * {@code cutoff}: launches whose horizon ended before it are fit, launches on or after it are tested.
     * {@code alsoReport}: further cutoffs the accuracy command scores the same way (a stability check across
     * seasons); the pipeline trains on {@code cutoff} only.
     */
    public record Split(String column, String fitValue, String testValue, LocalDate cutoff,
                        List<LocalDate> alsoReport) {

        public Split {
            alsoReport = alsoReport == null ? List.of() : List.copyOf(alsoReport);
        }

        /** The same split with a launch-date {@code cutoff} instead of this one's column or cutoff. */
        public Split atCutoff(LocalDate other) {
            return new Split(null, fitValue, testValue, other, List.of());
        }
    }

    /**
     * Rolling origins: {@code origins} origins {@code step} periods apart, the last one {@code step} periods
     * before the latest launch with a complete horizon; each forecasts the launches of the next {@code step}
     * periods with models trained only on launches whose horizon ended before the origin.
     */
    public record Backtest(boolean enabled, int origins, int step) {
    }

    /**
     * {@code training.yml} as written, bound key by key: an unknown key or a value of the wrong type is an error
     * that names the key and its line (docs/model-config.md lists them).
     */
    record Document(String dataset, Integer horizon, List<Double> quantiles, List<String> attributes,
                    SplitDocument split, BaselinesDocument baselines, BacktestDocument backtest,
                    ModelDocument model, FeaturesDocument features) {
    }

    record SplitDocument(String column, String fitValue, String testValue, LocalDate cutoff, String knowledge,
                         List<LocalDate> alsoReport) {
    }

    record BaselinesDocument(List<String> knnAttributes, Integer knnK, String cohortAttribute) {
    }

    record BacktestDocument(Boolean enabled, Integer origins, Integer step) {
    }

    record ModelDocument(Long seed, Double validationFraction, Integer validationFolds,
                         Integer validationFoldLaunches, Integer validationFoldDates,
                         Integer validationTrainingLaunches, Integer validationLaunches, List<Integer> analogK,
                         BoostingDocument boosting) {
    }

    record BoostingDocument(Integer rounds, Integer maxDepth, Double eta, Double subsample, Double colsample,
                            Double minChildWeight, Integer threads, Boolean levelOffset) {
    }

    record FeaturesDocument(Boolean launchPlan, String signalFamily) {
    }

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    /**
     * Reads {@code file}; relative dataset paths resolve against the working directory.
     *
     * @throws IllegalArgumentException naming the file, the key and its line when the file cannot be used
     */
    public static AccuracyConfig read(Path file) {
        Document document;
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read configuration " + file + ": " + e.getMessage(), e);
        }
        try {
            document = YAML.readValue(text, Document.class);
        } catch (JacksonException e) {
            String key = e.getPath().stream().map(r -> r.getPropertyName() != null ? r.getPropertyName()
                    : "[" + r.getIndex() + "]").reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("");
            int line = lineOfKey(text, e.getPath().isEmpty() ? null : e.getPath().get(e.getPath().size() - 1)
                    .getPropertyName(), e.getLocation() == null ? 0 : e.getLocation().getLineNr());
            String what = e instanceof UnrecognizedPropertyException u
                    ? "unknown key '" + u.getPropertyName() + "' (see docs/model-config.md)"
                    : e.getOriginalMessage().lines().findFirst().orElse("cannot be read");
            throw new IllegalArgumentException("configuration " + file + ": " + (key.isEmpty() ? "" : key + " ")
                    + (line > 0 ? "(line " + line + ") " : "") + what, e);
        }
        if (document == null) {
            throw new IllegalArgumentException("configuration " + file + " is empty (see docs/model-config.md)");
        }
        return from(document);
    }

    /** The line of {@code key} at or before where the parser stopped (it stops after the value). */
    private static int lineOfKey(String text, String key, int stoppedAt) {
        List<String> lines = text.lines().toList();
        for (int i = Math.min(stoppedAt, lines.size()) - 1; key != null && i >= 0; i--) {
            if (lines.get(i).matches(".*(^|[\\s{,])" + java.util.regex.Pattern.quote(key) + "\\s*:.*")) {
                return i + 1;
            }
        }
        return stoppedAt;
    }

    static AccuracyConfig from(Document d) {
        ModelDocument model = d.model() == null
                ? new ModelDocument(null, null, null, null, null, null, null, null, null) : d.model();
        BoostingDocument b = model.boosting() == null
                ? new BoostingDocument(null, null, null, null, null, null, null, null) : model.boosting();
        List<Double> quantiles = or(d.quantiles(), List.of(0.1, 0.5, 0.9));
        if (quantiles.isEmpty() || quantiles.stream().anyMatch(q -> q == null || !(q > 0 && q < 1))
                || quantiles.stream().distinct().count() < quantiles.size()) {
            throw new IllegalArgumentException("quantiles: " + quantiles + ": give distinct levels between 0 and 1"
                    + " (exclusive), e.g. [0.1, 0.5, 0.9]");
        }
        ModelSettings settings = new ModelSettings(
                or(d.horizon(), 12),
                quantiles,
                or(d.attributes(), List.of()),
                or(model.seed(), 42L),
                new ModelSettings.Validation(or(model.validationFraction(), 0.15), or(model.validationFolds(), 2),
                        or(model.validationFoldLaunches(), 50), or(model.validationFoldDates(), 4),
                        or(model.validationTrainingLaunches(), 100), or(model.validationLaunches(), 200)),
                or(model.analogK(), List.of(10, 25, 50, 100)),
                new ModelSettings.Boosting(or(b.rounds(), 300), or(b.maxDepth(), 5), or(b.eta(), 0.05),
                        or(b.subsample(), 0.8), or(b.colsample(), 0.5), or(b.minChildWeight(), 5.0),
                        or(b.threads(), 2), or(b.levelOffset(), true)));
        SplitDocument split = d.split() == null ? new SplitDocument(null, null, null, null, null, null) : d.split();
        if ((split.column() == null) == (split.cutoff() == null)) {
            throw new IllegalArgumentException("split: give exactly one of column or cutoff");
        }
        if (split.alsoReport() != null && split.alsoReport().contains(split.cutoff())) {
            throw new IllegalArgumentException("split.alsoReport: " + split.cutoff() + " is already the cutoff");
        }
        BaselinesDocument baselines = d.baselines() == null ? new BaselinesDocument(null, null, null) : d.baselines();
        BacktestDocument backtest = d.backtest() == null ? new BacktestDocument(null, null, null) : d.backtest();
        // counts that are 0 or less gave silent empty results (a backtest of no launch), not an error
        atLeastOne("horizon", d.horizon());
        atLeastOne("baselines.knnK", baselines.knnK());
        if (!Boolean.FALSE.equals(backtest.enabled())) {
            atLeastOne("backtest.origins", backtest.origins());
            atLeastOne("backtest.step", backtest.step());
        }
        FeaturesDocument features = d.features() == null ? new FeaturesDocument(null, null) : d.features();
        String knowledge = or(split.knowledge(), "PERIOD_ENDED");
        if (!knowledge.equals("PERIOD_ENDED") && !knowledge.equals("LAUNCHED")) {
            throw new IllegalArgumentException("split.knowledge: PERIOD_ENDED or LAUNCHED, not " + knowledge);
        }
        return new AccuracyConfig(Path.of(String.valueOf(d.dataset())), settings,
                or(baselines.knnAttributes(), settings.attributes()),
                or(baselines.knnK(), 11),
                // no attribute (a data set described by free text and price only): no cohort baseline, no breakdown
                baselines.cohortAttribute() != null ? baselines.cohortAttribute()
                        : settings.attributes().isEmpty() ? null : settings.attributes().get(0),
                new Split(split.column(), or(split.fitValue(), "train"), or(split.testValue(), "test"), split.cutoff(),
                        split.alsoReport()),
                new Backtest(or(backtest.enabled(), true), or(backtest.origins(), 4), or(backtest.step(), 8)),
                or(features.launchPlan(), false), knowledge, features.signalFamily(), d.attributes() != null ? null
                        : new FromMapping(baselines.knnAttributes() == null, baselines.cohortAttribute() == null));
    }

    /**
     * This configuration on {@code manifest}'s dataset: a file that lists no {@code attributes} takes the mapping's
     * categorical attributes, in the order it declares them, for the models and for the baselines it gave none of
     * their own (the feature store computes the same ones when it is configured with none).
     */
    public AccuracyConfig resolvedFor(io.launchcast.features.dataset.DatasetManifest manifest) {
        if (fromMapping == null) {
            return this;
        }
        List<String> attributes = manifest.categoricalAttributes();
        ModelSettings settings = new ModelSettings(model.horizon(), model.quantiles(), attributes, model.seed(),
                model.validation(), model.analogK(), model.boosting());
        return new AccuracyConfig(dataset, settings, fromMapping.knnAttributes() ? attributes : baselineAttributes,
                baselineK, fromMapping.cohortAttribute() ? (attributes.isEmpty() ? null : attributes.get(0))
                        : cohortAttribute, split, backtest, launchPlan, splitKnowledge, signalFamily, null);
    }

    private static void atLeastOne(String key, Integer value) {
        if (value != null && value < 1) {
            throw new IllegalArgumentException(key + ": " + value + ": must be at least 1");
        }
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }

    /** The same configuration with another split (the accuracy command's further cutoffs). */
    public AccuracyConfig withSplit(Split other) {
        return new AccuracyConfig(dataset, model, baselineAttributes, baselineK, cohortAttribute, other, backtest,
                launchPlan, splitKnowledge, signalFamily, fromMapping);
    }

    /** The same configuration on another dataset directory. */
    public AccuracyConfig withDataset(Path other) {
        return new AccuracyConfig(other, model, baselineAttributes, baselineK, cohortAttribute, split, backtest,
                launchPlan, splitKnowledge, signalFamily, fromMapping);
    }
}

package io.launchcast.forecast.training;

import io.launchcast.features.compute.FeatureDefinitions;
import io.launchcast.forecast.accuracy.AccuracyEvaluation;
import io.launchcast.forecast.baseline.ForecastStatistics;
import io.launchcast.forecast.evaluation.Metrics;
import io.launchcast.forecast.evaluation.MetricsCalculator;
import io.launchcast.forecast.model.CalibratedModel;
import io.launchcast.forecast.model.CurveModel;
import io.launchcast.forecast.model.ForecastModelArtifact;
import io.launchcast.forecast.model.ForecastTrainer;
import io.launchcast.forecast.model.LaunchExample;
import io.launchcast.forecast.model.ModelSettings;
import io.launchcast.forecast.model.TrainingLineage;
import io.launchcast.forecast.pipeline.PipelineDefinition;
import io.launchcast.forecast.pipeline.PipelineStep;
import io.launchcast.forecast.pipeline.StepFailedException;
import io.launchcast.forecast.pipeline.StepLog;
import io.launchcast.forecast.registry.DatasetLineage;
import io.launchcast.forecast.registry.Lineage;
import io.launchcast.forecast.registry.ModelLifecycle;
import io.launchcast.forecast.registry.ModelRegistration;
import io.launchcast.forecast.registry.ModelVersion;
import io.launchcast.forecast.registry.ModelVersions;
import io.launchcast.platform.objectstore.ObjectStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.json.JsonMapper;

/**
 * The steps of the {@value #PIPELINE} pipeline. Run parameters: {@code dataset}, {@code datasetVersion}
 * (default: latest), and hyperparameter overrides {@code seed}, {@code rounds}, {@code eta}, {@code maxDepth};
 * {@code maxWape} overrides the gate.
 */
public final class TrainingSteps {

    public static final String PIPELINE = "cold-start-training";

    private final ObjectStore store;
    private final TrainingData data;
    private final TrainingSets trainingSets;
    private final TrainingProperties properties;
    private final ModelLifecycle lifecycle;
    private final String group;
    private final JsonMapper json;

    public TrainingSteps(ObjectStore store, TrainingData data, TrainingSets trainingSets, TrainingProperties properties,
            ModelLifecycle lifecycle, String group, JsonMapper json) {
        this.store = store;
        this.data = data;
        this.trainingSets = trainingSets;
        this.properties = properties;
        this.lifecycle = lifecycle;
        this.group = group;
        this.json = json;
    }

    public PipelineDefinition definition() {
        return new PipelineDefinition(PIPELINE, List.of(new Prepare(), new Train(), new Evaluate(), new Gate(),
                new Register(), new Baseline()));
    }

    private String dataset(Map<String, String> parameters) {
        return parameters.getOrDefault("dataset", properties.dataset());
    }

    private String version(Map<String, String> parameters) {
        String dataset = dataset(parameters);
        return parameters.containsKey("datasetVersion") ? parameters.get("datasetVersion")
                : data.latestVersion(dataset).orElseThrow(() -> new StepFailedException(
                        "dataset " + dataset + " has no published version: ingest it first"));
    }

    private TrainingData.Loaded loaded(Map<String, String> prepared) {
        return data.load(prepared.get("dataset"), prepared.get("version"), properties.config());
    }

    /** The split prepare built from the feature store's training set (rebuilt from it after a restart). */
    private AccuracyEvaluation.SplitData split(TrainingData.Loaded loaded, Map<String, String> prepared) {
        return data.split(loaded, prepared.get("trainingSetKey"), prepared.get("trainingSetDefinitionsHash"));
    }

    private String configHash() {
        try {
            return ModelVersions.sha256(Files.readAllBytes(properties.config()));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read training configuration " + properties.config(), e);
        }
    }

    private ModelSettings settings(TrainingData.Loaded loaded, Map<String, String> parameters) {
        return withOverrides(loaded.evaluation().config().model(), parameters);
    }

    /** The configured model settings with the run's hyperparameter overrides (seed, rounds, eta, maxDepth). */
    static ModelSettings withOverrides(ModelSettings base, Map<String, String> parameters) {
        ModelSettings.Boosting b = base.boosting();
        return new ModelSettings(base.horizon(), base.quantiles(), base.attributes(),
                Long.parseLong(parameters.getOrDefault("seed", Long.toString(base.seed()))),
                base.validationFraction(), base.validationFolds(), base.analogK(),
                new ModelSettings.Boosting(Integer.parseInt(parameters.getOrDefault("rounds", Integer.toString(b.rounds()))),
                        Integer.parseInt(parameters.getOrDefault("maxDepth", Integer.toString(b.maxDepth()))),
                        Double.parseDouble(parameters.getOrDefault("eta", Double.toString(b.eta()))),
                        b.subsample(), b.colsample(), b.minChildWeight(), b.threads(), b.levelOffset()));
    }

    /**
     * The run's training set from the feature store: every launch of the dataset version with its point-in-time
     * features under the run's definitions; the split's fit and test launches are taken from it.
     */
    final class Prepare implements PipelineStep {
        public String name() {
            return "prepare";
        }

        public List<String> dependsOn() {
            return List.of();
        }

        public String fingerprint(Map<String, String> parameters) {
            return "dataset=" + dataset(parameters) + "@" + version(parameters) + ";config=" + configHash();
        }

        public Map<String, String> execute(Map<String, Map<String, String>> upstream, Map<String, String> parameters,
                StepLog log) {
            String dataset = dataset(parameters);
            String version = version(parameters);
            TrainingData.Loaded loaded = data.load(dataset, version, properties.config());
            FeatureDefinitions definitions = loaded.evaluation().splitDefinitions();
            log.info("asking the feature store for the training set of " + dataset + " " + version
                    + " under feature definitions " + definitions.hash().substring(0, 12));
            TrainingSets.ExportedTrainingSet set = trainingSets.launchesOf(dataset, version, definitions);
            if (!definitions.hash().equals(set.definitionsHash())) {
                throw new StepFailedException("the feature store answered with training set " + set.id()
                        + " computed under feature definitions " + set.definitionsHash() + ", not the run's "
                        + definitions.hash() + ": refusing to train on skewed features");
            }
            Map<String, String> out = new TreeMap<>();
            out.put("trainingSetKey", set.parquetKey());
            out.put("trainingSetDefinitionsHash", set.definitionsHash());
            AccuracyEvaluation.SplitData split;
            try {
                split = split(loaded, out);
            } catch (IllegalArgumentException e) {
                throw new StepFailedException("training set " + set.id() + " of " + dataset + " " + version + ": "
                        + e.getMessage());
            }
            log.info(split.fit().size() + " fit and " + split.test().size() + " test launches of " + dataset + " "
                    + version + " (" + split.description() + ") from training set " + set.id() + " (" + set.rows()
                    + " launches, sha256 " + set.sha256().substring(0, 12) + ")");
            if (split.fitSample().sampled() || split.testSample().sampled()) {
                log.info("training on " + split.fitSample().describe("fit") + ", evaluating on "
                        + split.testSample().describe("test") + " (launchcast.training.max-fit-launches "
                        + properties.maxFitLaunches() + ", max-test-launches " + properties.maxTestLaunches() + ")");
                out.put("fitLaunchesAvailable", Integer.toString(split.fitSample().of()));
                out.put("testLaunchesAvailable", Integer.toString(split.testSample().of()));
            }
            out.put("dataset", dataset);
            out.put("version", version);
            out.put("manifestKey", loaded.manifestKey());
            out.put("manifestSha256", loaded.curated().manifest().sha256());
            out.put("featureDefinitionsVersion", FeatureDefinitions.VERSION);
            out.put("featureDefinitionsHash", loaded.evaluation().definitions().hash());
            out.put("fitLaunches", Integer.toString(split.fit().size()));
            out.put("testLaunches", Integer.toString(split.test().size()));
            out.put("trainingSetId", set.id());
            out.put("trainingSetManifestKey", set.manifestKey());
            out.put("trainingSetSha256", set.sha256());
            return out;
        }
    }

    /** Trains the ensemble on the fit launches and stores its artifact (byte-identical for the same inputs). */
    final class Train implements PipelineStep {
        public String name() {
            return "train";
        }

        public List<String> dependsOn() {
            return List.of("prepare");
        }

        public String fingerprint(Map<String, String> parameters) {
            return "seed=" + parameters.get("seed") + ";rounds=" + parameters.get("rounds") + ";eta="
                    + parameters.get("eta") + ";maxDepth=" + parameters.get("maxDepth");
        }

        public Map<String, String> execute(Map<String, Map<String, String>> upstream, Map<String, String> parameters,
                StepLog log) {
            Map<String, String> prepared = upstream.get("prepare");
            TrainingData.Loaded loaded = loaded(prepared);
            AccuracyEvaluation.SplitData split = split(loaded, prepared);
            ModelSettings settings = settings(loaded, parameters);
            long t0 = System.nanoTime();
            ForecastTrainer.Result result = new ForecastTrainer(settings).train(split.fit(), split.history(),
                    loaded.evaluation().baselines());
            double seconds = (System.nanoTime() - t0) / 1e9;
            Map<String, Object> hyperparameters = new TreeMap<>();
            hyperparameters.put("rounds", settings.boosting().rounds());
            hyperparameters.put("eta", settings.boosting().eta());
            hyperparameters.put("maxDepth", settings.boosting().maxDepth());
            hyperparameters.put("attributes", settings.attributes());
            if (split.fitSample().sampled()) { // part of the lineage: what the model saw was a sample
                hyperparameters.put("fitSample", split.fitSample().taken() + " of " + split.fitSample().of());
            }
            TrainingLineage lineage = new TrainingLineage(prepared.get("dataset"), prepared.get("version"),
                    prepared.get("manifestSha256"), prepared.get("featureDefinitionsVersion"),
                    prepared.get("featureDefinitionsHash"), settings.seed(), hyperparameters,
                    TrainingLineage.currentCodeVersion());
            byte[] artifact = ForecastModelArtifact.write(result, lineage);
            String sha = ModelVersions.sha256(artifact);
            String key = "pipeline/artifacts/" + sha + ".bin";
            store.put(key, artifact, "application/octet-stream");
            log.info("trained on " + (split.fitSample().sampled() ? split.fitSample().describe("fit")
                    : split.fit().size() + " launches") + " in " + String.format(Locale.ROOT, "%.1f", seconds)
                    + " s; artifact " + artifact.length + " bytes, sha256 " + sha.substring(0, 12) + "; learned "
                    + result.learned());
            Map<String, String> out = new TreeMap<>();
            out.put("artifactKey", key);
            out.put("artifactSha256", sha);
            out.put("seed", Long.toString(settings.seed()));
            out.put("hyperparameters", json.writeValueAsString(hyperparameters));
            out.put("trainSeconds", String.format(Locale.ROOT, "%.1f", seconds));
            return out;
        }
    }

    /** Scores the trained ensemble and the baselines on the test launches. */
    final class Evaluate implements PipelineStep {
        public String name() {
            return "evaluate";
        }

        public List<String> dependsOn() {
            return List.of("prepare", "train");
        }

        public String fingerprint(Map<String, String> parameters) {
            return "";
        }

        public Map<String, String> execute(Map<String, Map<String, String>> upstream, Map<String, String> parameters,
                StepLog log) {
            TrainingData.Loaded loaded = loaded(upstream.get("prepare"));
            AccuracyEvaluation.SplitData split = split(loaded, upstream.get("prepare"));
            CalibratedModel model = ForecastModelArtifact.load(store.read(upstream.get("train").get("artifactKey")),
                    split.history());
            Map<String, Metrics> table = new LinkedHashMap<>();
            for (ForecastTrainer.Baseline baseline : loaded.evaluation().baselines()) {
                CurveModel fitted = baseline.fitter().apply(split.fit());
                table.put(baseline.name(), score(new CalibratedModel(fitted, model.calibration(), null), split.test()));
            }
            Metrics ensemble = score(model, split.test());
            table.put("ensemble", ensemble);
            StringBuilder report = new StringBuilder(String.format(Locale.ROOT, "%-22s %8s %9s %8s %8s %10s%n", "model",
                    "WAPE", "MAE", "bias%", "avg wQL", "p10-p90 %"));
            table.forEach((name, m) -> report.append(String.format(Locale.ROOT, "%-22s %8.2f %9.2f %8.2f %8.3f %10.1f%n",
                    name, m.wape(), m.mae(), m.bias(), m.meanWql(), m.coverage())));
            String key = "pipeline/evaluations/" + upstream.get("train").get("artifactSha256") + ".txt";
            store.put(key, report.toString().getBytes(StandardCharsets.UTF_8), "text/plain");
            log.info("test (" + split.test().size() + " launches" + (split.testSample().sampled() ? ": "
                    + split.testSample().describe("test") : "") + "):\n" + report);
            Map<String, String> out = new TreeMap<>();
            out.put("wape", Double.toString(ensemble.wape()));
            out.put("mae", Double.toString(ensemble.mae()));
            out.put("bias", Double.toString(ensemble.bias()));
            out.put("meanWql", Double.toString(ensemble.meanWql()));
            out.put("coverage", Double.toString(ensemble.coverage()));
            Object chosen = ((Map<?, ?>) ForecastModelArtifact.read(store.read(upstream.get("train").get("artifactKey")))
                    .header().get("learned")).get("selection.chosen");
            out.put("candidate", String.valueOf(chosen));
            out.put("bestBaselineWape", Double.toString(table.entrySet().stream().filter(e -> !e.getKey().equals("ensemble"))
                    .mapToDouble(e -> e.getValue().wape()).min().orElse(Double.NaN)));
            out.put("reportKey", key);
            return out;
        }

        private Metrics score(CalibratedModel model, List<LaunchExample> test) {
            List<MetricsCalculator.Scored> scored = new ArrayList<>();
            for (LaunchExample e : test) {
                scored.add(new MetricsCalculator.Scored(model.forecast(e, false), e.actual(), null));
            }
            return MetricsCalculator.compute(scored);
        }
    }

    /** Stops the run unless the model beats every baseline and meets the configured thresholds. */
    final class Gate implements PipelineStep {
        public String name() {
            return "gate";
        }

        public List<String> dependsOn() {
            return List.of("evaluate");
        }

        public String fingerprint(Map<String, String> parameters) {
            return "maxWape=" + parameters.getOrDefault("maxWape", String.valueOf(properties.maxWape()))
                    + ";coverage=" + properties.coverageMin() + ".." + properties.coverageMax();
        }

        public Map<String, String> execute(Map<String, Map<String, String>> upstream, Map<String, String> parameters,
                StepLog log) {
            Map<String, String> e = upstream.get("evaluate");
            double wape = Double.parseDouble(e.get("wape"));
            double baseline = Double.parseDouble(e.get("bestBaselineWape"));
            double coverage = Double.parseDouble(e.get("coverage"));
            String limit = parameters.getOrDefault("maxWape", properties.maxWape() == null ? null
                    : Double.toString(properties.maxWape()));
            double maxWape = limit == null ? Double.POSITIVE_INFINITY : Double.parseDouble(limit);
            // selection fell back to the plain mean curve: it is the baseline, and the suite keeps a model to serve
            boolean fallback = "mean-curve".equals(e.get("candidate"));
            List<String> failures = new ArrayList<>();
            if (wape > maxWape) {
                failures.add(String.format(Locale.ROOT, "test WAPE %.2f is above the gate's %.2f", wape, maxWape));
            }
            if (wape >= baseline && !fallback) {
                failures.add(String.format(Locale.ROOT, "test WAPE %.2f does not beat the best baseline (%.2f)", wape, baseline));
            }
            if (coverage < properties.coverageMin() || coverage > properties.coverageMax()) {
                failures.add(String.format(Locale.ROOT, "p10-p90 coverage %.1f%% is outside %.0f-%.0f%%", coverage,
                        properties.coverageMin(), properties.coverageMax()));
            }
            if (!failures.isEmpty()) {
                throw new StepFailedException(String.join("; ", failures));
            }
            log.info(String.format(Locale.ROOT, "passed: %s, WAPE %.2f (gate %s, best baseline %.2f), coverage %.1f%%",
                    fallback ? "the mean-curve baseline (validation found nothing better)" : e.get("candidate"), wape,
                    limit == null ? "none" : limit, baseline, coverage));
            return Map.of("passed", "true");
        }
    }

    /** Registers the artifact with its metrics and lineage, pending approval. */
    final class Register implements PipelineStep {
        public String name() {
            return "register";
        }

        public List<String> dependsOn() {
            return List.of("prepare", "train", "evaluate", "gate");
        }

        public String fingerprint(Map<String, String> parameters) {
            return "group=" + group;
        }

        public Map<String, String> execute(Map<String, Map<String, String>> upstream, Map<String, String> parameters,
                StepLog log) {
            Map<String, String> prepared = upstream.get("prepare");
            Map<String, String> trained = upstream.get("train");
            Map<String, String> evaluated = upstream.get("evaluate");
            byte[] artifact = store.read(trained.get("artifactKey"));
            Map<String, Double> metrics = new TreeMap<>();
            for (String name : List.of("wape", "mae", "bias", "meanWql", "coverage", "bestBaselineWape")) {
                metrics.put(name, Double.valueOf(evaluated.get(name)));
            }
            Map<String, String> hyperparameters = new TreeMap<>();
            json.readTree(trained.get("hyperparameters")).properties()
                    .forEach(p -> hyperparameters.put(p.getKey(), p.getValue().toString()));
            Lineage lineage = new Lineage(
                    List.of(new DatasetLineage(prepared.get("dataset"), prepared.get("version"),
                            prepared.get("manifestKey"), prepared.get("manifestSha256"))),
                    prepared.get("featureDefinitionsVersion"), prepared.get("featureDefinitionsHash"),
                    prepared.get("trainingSetSha256"), prepared.get("trainingSetManifestKey"), hyperparameters,
                    Long.parseLong(trained.get("seed")),
                    TrainingLineage.currentCodeVersion(),
                    String.valueOf(ForecastModelArtifact.read(artifact).header().get("tribuoProvenance")));
            ModelVersion version = lifecycle.register(new ModelRegistration(group, artifact, metrics, lineage));
            log.info("registered " + group + " v" + version.version() + " (pending approval)");
            return Map.of("group", group, "modelVersion", Integer.toString(version.version()));
        }
    }

    /**
     * Writes the monitoring baseline in Model Monitor's layout: what the training launches looked like
     * ({@code statistics.json}, {@code constraints.json}) and what the registered model forecast for the test
     * launches ({@code forecast-statistics.json}, the reference of the monitor's forecast-drift check).
     */
    final class Baseline implements PipelineStep {
        public String name() {
            return "baseline";
        }

        public List<String> dependsOn() {
            return List.of("prepare", "train", "evaluate", "register");
        }

        public String fingerprint(Map<String, String> parameters) {
            return "";
        }

        public Map<String, String> execute(Map<String, Map<String, String>> upstream, Map<String, String> parameters,
                StepLog log) {
            TrainingData.Loaded loaded = loaded(upstream.get("prepare"));
            AccuracyEvaluation.SplitData split = split(loaded, upstream.get("prepare"));
            Map<String, Map<String, Long>> distributions = new TreeMap<>();
            for (LaunchExample e : split.fit()) {
                e.product().attributes().forEach((name, value) -> distributions
                        .computeIfAbsent(name, k -> new TreeMap<>()).merge(value, 1L, Long::sum));
            }
            Map<String, Object> statistics = new TreeMap<>();
            statistics.put("version", 0.0);
            statistics.put("dataset", Map.of("item_count", split.fit().size()));
            List<Map<String, Object>> features = new ArrayList<>();
            distributions.forEach((name, counts) -> features.add(Map.of("name", name, "inferred_type", "String",
                    "string_statistics", Map.of("common", Map.of("num_present", split.fit().size()),
                            "distinct_count", counts.size(), "distribution", Map.of("categorical", counts)))));
            statistics.put("features", features);
            Map<String, Object> constraints = new TreeMap<>();
            constraints.put("version", 0.0);
            constraints.put("forecast_quality", Map.of("wape_max", Double.parseDouble(upstream.get("evaluate").get("wape")) * 1.1,
                    "coverage_min", properties.coverageMin(), "coverage_max", properties.coverageMax()));
            constraints.put("features", distributions.keySet().stream().map(name -> Map.of("name", name,
                    "inferred_type", "String", "completeness", 1.0)).toList());
            String base = "monitoring/baselines/" + group + "/v" + upstream.get("register").get("modelVersion") + "/";
            store.put(base + "statistics.json", json.writeValueAsBytes(statistics), "application/json");
            store.put(base + "constraints.json", json.writeValueAsBytes(constraints), "application/json");
            log.info("baseline of " + distributions.size() + " attributes over " + split.fit().size() + " launches");
            // the forecasts' own reference: the registered model on the launches its evaluation held out (the
            // newest ones before the cutoff, the closest to what it will serve), as serving computes them
            CalibratedModel model = ForecastModelArtifact.load(store.read(upstream.get("train").get("artifactKey")),
                    split.history());
            List<double[]> means = split.test().stream().map(e -> model.forecast(e, false).mean()).toList();
            store.put(base + ForecastStatistics.FILE, json.writeValueAsBytes(ForecastStatistics.of(means)),
                    "application/json");
            log.info("forecast reference of " + means.size() + " test launches");
            data.release(loaded, upstream.get("prepare").get("trainingSetKey")); // the run's last use of its split
            return Map.of("statistics", base + "statistics.json", "constraints", base + "constraints.json",
                    "forecastStatistics", base + ForecastStatistics.FILE);
        }
    }


}

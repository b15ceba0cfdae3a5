package io.launchcast.forecast.training;

import io.launchcast.features.compute.FeatureDefinitions;
import io.launchcast.forecast.accuracy.AccuracyEvaluation;
import io.launchcast.forecast.baseline.ForecastStatistics;
import io.launchcast.forecast.baseline.InputBaseline;
import io.launchcast.forecast.evaluation.Metrics;
import io.launchcast.forecast.evaluation.MetricsCalculator;
import io.launchcast.forecast.model.CalibratedModel;
import io.launchcast.forecast.model.CurveModel;
import io.launchcast.forecast.model.ForecastModelArtifact;
import io.launchcast.forecast.model.ForecastTrainer;
import io.launchcast.forecast.model.LaunchExample;
import io.launchcast.forecast.model.ModelSettings;
import io.launchcast.forecast.model.TrainingLineage;
import io.launchcast.forecast.pipeline.GateThresholds;
import io.launchcast.forecast.pipeline.InvalidRunParametersException;
import io.launchcast.forecast.pipeline.PipelineDefinition;
import io.launchcast.forecast.pipeline.PipelineStep;
import io.launchcast.forecast.pipeline.StepFailedException;
import io.launchcast.forecast.pipeline.StepInputs;
import io.launchcast.forecast.pipeline.StepLog;
import io.launchcast.forecast.registry.DatasetLineage;
import io.launchcast.forecast.registry.Lineage;
import io.launchcast.forecast.registry.ModelLifecycle;
import io.launchcast.forecast.registry.ModelRegistration;
import io.launchcast.forecast.registry.ModelVersion;
import io.launchcast.forecast.registry.ModelVersions;
import io.launchcast.forecast.registry.PipelineRegistration;
import io.launchcast.platform.datasets.DatasetVersions;
import io.launchcast.platform.objectstore.ObjectStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.json.JsonMapper;

/**
 * The steps of the {@value #PIPELINE} pipeline. Run parameters: {@code dataset}, {@code datasetVersion}
 * (default: latest), and hyperparameter overrides {@code seed}, {@code rounds}, {@code eta}, {@code maxDepth};
 * {@code maxWape} overrides the gate.
 */
public final class TrainingSteps {

    public static final String PIPELINE = "cold-start-training";
    /** The run parameters the steps read (a run naming another is refused). */
    static final Set<String> PARAMETERS = Set.of("dataset", "datasetVersion", "seed", "rounds", "eta", "maxDepth",
            "maxWape");

    private final ObjectStore store;
    private final TrainingData data;
    private final TrainingSets trainingSets;
    private final TrainingProperties properties;
    private final GateThresholds thresholds;
    private final ModelLifecycle lifecycle;
    private final String group;
    private final JsonMapper json;

    public TrainingSteps(ObjectStore store, TrainingData data, TrainingSets trainingSets, TrainingProperties properties,
            GateThresholds thresholds, ModelLifecycle lifecycle, String group, JsonMapper json) {
        this.store = store;
        this.data = data;
        this.trainingSets = trainingSets;
        this.properties = properties;
        this.thresholds = thresholds;
        this.lifecycle = lifecycle;
        this.group = group;
        this.json = json;
    }

    public PipelineDefinition definition() {
        return new PipelineDefinition(PIPELINE, List.of(new Prepare(), new Train(), new Evaluate(), new Gate(),
                new Register(), new Baseline()), PARAMETERS, run -> {
                    try {
                        data.usableVersion(dataset(run), run.get("datasetVersion"));
                    } catch (DatasetVersions.UnusableVersionException e) {
                        throw new InvalidRunParametersException(e.getMessage());
                    }
                });
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

    /** The step's data, its local files kept while the step runs. */
    private TrainingData.Lease lease(Prepared prepared) {
        return data.lease(prepared.dataset(), prepared.version(), properties.config());
    }

    /** The split prepare built from the feature store's training set (rebuilt from it after a restart). */
    private AccuracyEvaluation.SplitData split(TrainingData.Loaded loaded, Prepared prepared) {
        return data.split(loaded, prepared.trainingSetKey(), prepared.trainingSetDefinitionsHash());
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
                base.validation(), base.analogK(),
                new ModelSettings.Boosting(Integer.parseInt(parameters.getOrDefault("rounds", Integer.toString(b.rounds()))),
                        Integer.parseInt(parameters.getOrDefault("maxDepth", Integer.toString(b.maxDepth()))),
                        Double.parseDouble(parameters.getOrDefault("eta", Double.toString(b.eta()))),
                        b.subsample(), b.colsample(), b.minChildWeight(), b.threads(), b.levelOffset()));
    }

    /**
     * The run's training set from the feature store: every launch of the dataset version with its point-in-time
     * features under the run's definitions; the split's fit and test launches are taken from it.
     */
    final class Prepare implements PipelineStep<Prepared> {
        public String name() {
            return "prepare";
        }

        public List<String> dependsOn() {
            return List.of();
        }

        public Class<Prepared> outputType() {
            return Prepared.class;
        }

        public String fingerprint(Map<String, String> parameters) {
            return "dataset=" + dataset(parameters) + "@" + version(parameters) + ";config=" + configHash();
        }

        public Prepared execute(StepInputs upstream, Map<String, String> parameters, StepLog log) {
            String dataset = dataset(parameters);
            String version = version(parameters);
            TrainingData.Lease lease;
            try {
                lease = data.lease(dataset, version, properties.config());
            } catch (TrainingData.InvalidTrainingConfigurationException e) {
                throw new StepFailedException(e.getMessage()); // a second attempt would read the same file
            }
            try (lease) {
                TrainingData.Loaded loaded = lease.loaded();
                FeatureDefinitions definitions = loaded.evaluation().splitDefinitions();
                log.info("asking the feature store for the training set of " + dataset + " " + version
                        + " under feature definitions " + definitions.hash().substring(0, 12));
                TrainingSets.ExportedTrainingSet set = trainingSets.launchesOf(dataset, version, definitions);
                if (!definitions.hash().equals(set.definitionsHash())) {
                    throw new StepFailedException("the feature store answered with training set " + set.id()
                            + " computed under feature definitions " + set.definitionsHash() + ", not the run's "
                            + definitions.hash() + ": refusing to train on skewed features");
                }
                AccuracyEvaluation.SplitData split;
                try {
                    split = data.split(loaded, set.parquetKey(), set.definitionsHash());
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
                }
                return new Prepared(dataset, version, loaded.manifestKey(), loaded.curated().manifest().sha256(),
                        FeatureDefinitions.VERSION, loaded.evaluation().definitions().hash(), set.id(), set.parquetKey(),
                        set.definitionsHash(), set.manifestKey(), set.sha256(), split.fit().size(), split.test().size());
            }
        }
    }

    /** Trains the ensemble on the fit launches and stores its artifact (byte-identical for the same inputs). */
    final class Train implements PipelineStep<Trained> {
        public String name() {
            return "train";
        }

        public List<String> dependsOn() {
            return List.of("prepare");
        }

        public Class<Trained> outputType() {
            return Trained.class;
        }

        public String fingerprint(Map<String, String> parameters) {
            return "seed=" + parameters.get("seed") + ";rounds=" + parameters.get("rounds") + ";eta="
                    + parameters.get("eta") + ";maxDepth=" + parameters.get("maxDepth");
        }

        public Trained execute(StepInputs upstream, Map<String, String> parameters, StepLog log) {
            Prepared prepared = upstream.get(Prepared.class);
            try (TrainingData.Lease lease = lease(prepared)) {
                TrainingData.Loaded loaded = lease.loaded();
                AccuracyEvaluation.SplitData split = split(loaded, prepared);
                ModelSettings settings = settings(loaded, parameters);
                long t0 = System.nanoTime();
                ForecastTrainer.Result result = new ForecastTrainer(settings, log::info).train(split.fit(),
                        split.history(), loaded.evaluation().baselines());
                double seconds = (System.nanoTime() - t0) / 1e9;
                Map<String, Object> hyperparameters = new TreeMap<>();
                hyperparameters.put("rounds", settings.boosting().rounds());
                hyperparameters.put("eta", settings.boosting().eta());
                hyperparameters.put("maxDepth", settings.boosting().maxDepth());
                hyperparameters.put("attributes", settings.attributes());
                if (split.fitSample().sampled()) { // part of the lineage: what the model saw was a sample
                    hyperparameters.put("fitSample", split.fitSample().taken() + " of " + split.fitSample().of());
                }
                TrainingLineage lineage = new TrainingLineage(prepared.dataset(), prepared.version(),
                        prepared.manifestSha256(), prepared.featureDefinitionsVersion(),
                        prepared.featureDefinitionsHash(), settings.seed(), hyperparameters,
                        TrainingLineage.currentCodeVersion());
                byte[] artifact = ForecastModelArtifact.write(result, lineage);
                String sha = ModelVersions.sha256(artifact);
                String key = storeArtifact(artifact);
                // the baselines as artifacts of their own: the gate registers the best of them on the held-out
                // launches when the group has no model to serve and validation's choice does not pass
                Map<String, String> baselineKeys = new TreeMap<>();
                baselineArtifacts(result, lineage).forEach((baseline, bytes) -> baselineKeys.put(baseline, storeArtifact(bytes)));
                log.info("trained on " + (split.fitSample().sampled() ? split.fitSample().describe("fit")
                        : split.fit().size() + " launches") + " in " + String.format(Locale.ROOT, "%.1f", seconds)
                        + " s; artifact " + artifact.length + " bytes, sha256 " + sha.substring(0, 12) + "; learned "
                        + result.learned());
                return new Trained(key, sha, settings.seed(), json.writeValueAsString(hyperparameters),
                        Math.round(seconds * 10) / 10.0, json.writeValueAsString(baselineKeys));
            }
        }

        private String storeArtifact(byte[] artifact) {
            String key = "pipeline/artifacts/" + ModelVersions.sha256(artifact) + ".bin";
            store.put(key, artifact, "application/octet-stream");
            return key;
        }
    }

    /** Scores the trained ensemble and the baselines on the test launches. */
    final class Evaluate implements PipelineStep<Evaluated> {
        public String name() {
            return "evaluate";
        }

        public List<String> dependsOn() {
            return List.of("prepare", "train");
        }

        public Class<Evaluated> outputType() {
            return Evaluated.class;
        }

        public String fingerprint(Map<String, String> parameters) {
            return "";
        }

        public Evaluated execute(StepInputs upstream, Map<String, String> parameters, StepLog log) {
            Prepared prepared = upstream.get(Prepared.class);
            Trained trained = upstream.get(Trained.class);
            try (TrainingData.Lease lease = lease(prepared)) {
                TrainingData.Loaded loaded = lease.loaded();
                AccuracyEvaluation.SplitData split = split(loaded, prepared);
                Map<String, String> baselineKeys = trained.baselineArtifacts(json);
                HeldOut heldOut = HeldOut.score(store.read(trained.artifactKey()), loaded.evaluation().baselines(),
                        name -> baselineKeys.containsKey(name) ? store.read(baselineKeys.get(name)) : null, split);
                String report = heldOut.report();
                String key = "pipeline/evaluations/" + trained.artifactSha256() + ".txt";
                store.put(key, report.getBytes(StandardCharsets.UTF_8), "text/plain");
                log.info("test (" + split.test().size() + " launches" + (split.testSample().sampled() ? ": "
                        + split.testSample().describe("test") : "") + "):\n" + report);
                Metrics m = heldOut.model();
                Metrics f = heldOut.fallbackMetrics();
                String fallback = heldOut.fallback();
                return new Evaluated(m.wape(), m.mae(), m.bias(), m.meanWql(), m.coverage(), heldOut.candidate(),
                        heldOut.candidateIsBaseline(), heldOut.bestBaselineWape(), key, fallback,
                        fallback == null ? null : baselineKeys.get(fallback),
                        f == null ? Double.NaN : f.wape(), f == null ? Double.NaN : f.mae(),
                        f == null ? Double.NaN : f.bias(), f == null ? Double.NaN : f.meanWql(),
                        f == null ? Double.NaN : f.coverage());
            }
        }

    }

    /**
     * Each baseline that can be registered on its own, as an artifact by name: what the {@link QualityGate} may
     * register in place of validation's choice.
     */
    static Map<String, byte[]> baselineArtifacts(ForecastTrainer.Result result, TrainingLineage lineage) {
        Map<String, byte[]> artifacts = new TreeMap<>();
        for (String baseline : result.storableBaselines()) {
            artifacts.put(baseline, ForecastModelArtifact.write(result.withBaselineRegistered(baseline,
                    "registered by the quality gate in place of validation's choice ("
                            + result.learned().get("selection.chosen") + "): the group had no model to serve, that "
                            + "choice did not pass the gate, and this baseline forecast the held-out launches best of "
                            + "those that can be registered"), lineage));
        }
        return artifacts;
    }

    /** The metrics of {@code model}'s forecasts of the held-out {@code test} launches. */
    static Metrics score(CalibratedModel model, List<LaunchExample> test) {
        List<MetricsCalculator.Scored> scored = new ArrayList<>();
        for (LaunchExample e : test) {
            scored.add(new MetricsCalculator.Scored(model.forecast(e, false), e.actual(), null));
        }
        return MetricsCalculator.compute(scored);
    }

    /**
     * Stops the run unless the {@link QualityGate} lets a model through: validation's choice when it beats every
     * baseline within the configured thresholds, or, when the group has no approved model trained on the run's
     * dataset, the better of it and the best stored baseline; the log says what went through and why.
     */
    final class Gate implements PipelineStep<GatePassed> {
        public String name() {
            return "gate";
        }

        public List<String> dependsOn() {
            return List.of("evaluate");
        }

        public Class<GatePassed> outputType() {
            return GatePassed.class;
        }

        public String fingerprint(Map<String, String> parameters) {
            return "maxWape=" + parameters.getOrDefault("maxWape", thresholds.maxWapeParameter())
                    + ";coverage=" + thresholds.coverageMin() + ".." + thresholds.coverageMax()
                    + ";champion=" + championOf(parameters).map(v -> Integer.toString(v.version())).orElse("none");
        }

        private Optional<ModelVersion> championOf(Map<String, String> parameters) {
            return lifecycle.championTrainedOn(group, dataset(parameters));
        }

        public GatePassed execute(StepInputs upstream, Map<String, String> parameters, StepLog log) {
            Evaluated e = upstream.get(Evaluated.class);
            QualityGate rule = new QualityGate(
                    GateThresholds.parseMaxWape(parameters.getOrDefault("maxWape", thresholds.maxWapeParameter())),
                    thresholds.coverageMin(), thresholds.coverageMax());
            QualityGate.Decision decision = rule.decide(new QualityGate.Scored(e.candidate(), e.wape(), e.coverage()),
                    e.candidateIsBaseline(), e.bestBaselineWape(), e.fallback() == null ? null
                            : new QualityGate.Scored(e.fallback(), e.fallbackWape(), e.fallbackCoverage()),
                    championOf(parameters).isPresent(), group, dataset(parameters));
            if (!decision.passed()) {
                throw new StepFailedException(decision.message());
            }
            log.info(decision.message());
            return new GatePassed(true, decision.registered(), decision.registersFallback() ? e.fallbackArtifactKey() : null);
        }
    }

    /** Registers the artifact with its metrics and lineage, pending approval. */
    final class Register implements PipelineStep<Registered> {
        public String name() {
            return "register";
        }

        public List<String> dependsOn() {
            return List.of("prepare", "train", "evaluate", "gate");
        }

        public Class<Registered> outputType() {
            return Registered.class;
        }

        public String fingerprint(Map<String, String> parameters) {
            return "group=" + group;
        }

        public Registered execute(StepInputs upstream, Map<String, String> parameters, StepLog log) {
            Prepared prepared = upstream.get(Prepared.class);
            Trained trained = upstream.get(Trained.class);
            Evaluated evaluated = upstream.get(Evaluated.class);
            GatePassed gate = upstream.get(GatePassed.class);
            boolean baseline = gate.registersBaseline();
            byte[] artifact = store.read(gate.artifactKeyOr(trained));
            Map<String, Double> metrics = new TreeMap<>();
            metrics.put("wape", baseline ? evaluated.fallbackWape() : evaluated.wape());
            metrics.put("mae", baseline ? evaluated.fallbackMae() : evaluated.mae());
            metrics.put("bias", baseline ? evaluated.fallbackBias() : evaluated.bias());
            metrics.put("meanWql", baseline ? evaluated.fallbackMeanWql() : evaluated.meanWql());
            metrics.put("coverage", baseline ? evaluated.fallbackCoverage() : evaluated.coverage());
            metrics.put("bestBaselineWape", evaluated.bestBaselineWape());
            Map<String, String> hyperparameters = new TreeMap<>();
            json.readTree(trained.hyperparameters()).properties()
                    .forEach(p -> hyperparameters.put(p.getKey(), p.getValue().toString()));
            Lineage lineage = new Lineage(
                    List.of(new DatasetLineage(prepared.dataset(), prepared.version(), prepared.manifestKey(),
                            prepared.manifestSha256())),
                    prepared.featureDefinitionsVersion(), prepared.featureDefinitionsHash(),
                    prepared.trainingSetSha256(), prepared.trainingSetManifestKey(), hyperparameters,
                    trained.seed(), TrainingLineage.currentCodeVersion(),
                    String.valueOf(ForecastModelArtifact.read(artifact).tribuoProvenance()));
            ModelVersion version = lifecycle.register(new ModelRegistration(group, artifact, metrics, lineage));
            log.info("registered " + group + " v" + version.version() + (baseline ? ", the " + gate.registered()
                    + " baseline," : "") + " (pending approval)");
            return new Registered(group, version.version());
        }
    }

    /**
     * Writes the monitoring baseline in Model Monitor's layout: what the training launches looked like
     * ({@code statistics.json}, {@code constraints.json}) and what the registered model forecast for the test
     * launches ({@code forecast-statistics.json}, the reference of the monitor's forecast-drift check).
     */
    final class Baseline implements PipelineStep<MonitoringBaseline> {
        public String name() {
            return "baseline";
        }

        public List<String> dependsOn() {
            return List.of("prepare", "train", "evaluate", "gate", "register");
        }

        public Class<MonitoringBaseline> outputType() {
            return MonitoringBaseline.class;
        }

        public String fingerprint(Map<String, String> parameters) {
            return "";
        }

        public MonitoringBaseline execute(StepInputs upstream, Map<String, String> parameters, StepLog log) {
            Prepared prepared = upstream.get(Prepared.class);
            try (TrainingData.Lease lease = lease(prepared)) {
                TrainingData.Loaded loaded = lease.loaded();
                AccuracyEvaluation.SplitData split = split(loaded, prepared);
                GatePassed gate = upstream.get(GatePassed.class);
                Evaluated evaluated = upstream.get(Evaluated.class);
                double registeredWape = gate.registersBaseline() ? evaluated.fallbackWape() : evaluated.wape();
                double registeredBias = gate.registersBaseline() ? evaluated.fallbackBias() : evaluated.bias();
                CalibratedModel model = ForecastModelArtifact.load(store.read(gate.artifactKeyOr(upstream.get(Trained.class))),
                        split.history());
                String base = PipelineRegistration.baselineFolder(group, upstream.get(Registered.class).modelVersion());
                monitoringBaseline(split, model, registeredWape, registeredBias, thresholds.coverageMin(),
                        thresholds.coverageMax(), loaded.evaluation())
                        .forEach((file, bytes) -> store.put(base + file, bytes, "application/json"));
                log.info("baseline of what the model reads over " + split.fit().size() + " launches; forecast reference of "
                        + split.test().size() + " test launches");
                data.release(loaded, prepared.trainingSetKey()); // the run's last use of its split
                return new MonitoringBaseline(base + "statistics.json", base + "constraints.json",
                        base + ForecastStatistics.FILE);
            }
        }
    }

    /**
     * The monitoring baseline in Model Monitor's layout, by file name: what the fit launches looked like
     * ({@code statistics.json}, {@code constraints.json}, with the forecast-quality limits) and what the registered
     * {@code model} forecast for the test launches ({@code forecast-statistics.json}, the reference of the monitor's
     * forecast-drift check: the newest launches before the cutoff, the closest to what it will serve, forecast as
     * serving computes them).
     */
    static Map<String, byte[]> monitoringBaseline(AccuracyEvaluation.SplitData split, CalibratedModel model,
            double registeredWape, double registeredBias, double coverageMin, double coverageMax,
            AccuracyEvaluation evaluation) {
        JsonMapper json = JsonMapper.builder().build();
        FeatureDefinitions reads = evaluation.definitions();
        InputBaseline.Files input = InputBaseline.of(split.fit().stream().map(LaunchExample::product).toList(),
                reads.attributes(), reads.textAttributes(), reads.numericAttributes());
        Map<String, Object> statistics = input.statistics();
        Map<String, Object> constraints = new LinkedHashMap<>(input.constraints());
        // the version's own limits, from its test figures: a median forecast is biased low by design (ADR 0128),
        // and its alarm should say when serving gets worse than that, not that it is what it was registered as
        Map<String, Object> quality = new TreeMap<>(Map.of("coverage_min", coverageMin, "coverage_max", coverageMax));
        // a version registered untested (no held-out launch) has no figures of its own: the configured limits stand
        if (Double.isFinite(registeredWape)) {
            quality.put("wape_max", registeredWape * 1.1);
        }
        if (Double.isFinite(registeredBias)) {
            quality.put("bias_max", Math.abs(registeredBias) * 1.1);
        }
        String cohortAttribute = evaluation.config().cohortAttribute();
        if (cohortAttribute != null) { // what the monitor breaks this version's forecast quality down by
            quality.put("cohort_attribute", cohortAttribute);
        }
        constraints.put("forecast_quality", quality);
        List<double[]> means = split.test().stream().map(e -> model.forecast(e, false).mean()).toList();
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("statistics.json", json.writeValueAsBytes(statistics));
        files.put("constraints.json", json.writeValueAsBytes(constraints));
        files.put(ForecastStatistics.FILE, json.writeValueAsBytes(ForecastStatistics.of(means)));
        return files;
    }

    /**
     * What prepare found: the dataset version, its manifest and feature definitions, and the feature store's
     * training set the fit and test launches come from.
     */
    public record Prepared(String dataset, String version, String manifestKey, String manifestSha256,
            String featureDefinitionsVersion, String featureDefinitionsHash, String trainingSetId,
            String trainingSetKey, String trainingSetDefinitionsHash, String trainingSetManifestKey,
            String trainingSetSha256, int fitLaunches, int testLaunches) {
    }

    /**
     * The stored artifact and how it was trained.
     *
     * @param hyperparameters the hyperparameters as a JSON object (a run shows step outputs as text)
     */
    public record Trained(String artifactKey, String artifactSha256, long seed, String hyperparameters,
            double trainSeconds, String baselineArtifactKeys) {

        /** The baselines stored as artifacts of their own, by name (none in runs of earlier versions). */
        Map<String, String> baselineArtifacts(JsonMapper json) {
            Map<String, String> keys = new TreeMap<>();
            if (baselineArtifactKeys != null) {
                json.readTree(baselineArtifactKeys).properties().forEach(p -> keys.put(p.getKey(), p.getValue().asString()));
            }
            return keys;
        }
    }

    /**
     * The registered candidate's test metrics, which candidate selection chose and whether it is one of the
     * baselines, the best baseline's test WAPE ({@code NaN} without baselines) and where the full report is; and
     * the baseline stored on its own that forecast the test launches best, its artifact and its metrics (the gate
     * registers it when the group has nothing to serve and the candidate does not pass; {@code null} and
     * {@code NaN} when none was stored).
     */
    public record Evaluated(double wape, double mae, double bias, double meanWql, double coverage, String candidate,
            boolean candidateIsBaseline, double bestBaselineWape, String reportKey, String fallback,
            String fallbackArtifactKey, double fallbackWape, double fallbackMae, double fallbackBias,
            double fallbackMeanWql, double fallbackCoverage) {
    }

    /**
     * The gate let a model through (a failing gate stops the run instead): {@code registered} names it, and
     * {@code artifactKey} is its artifact when it is not the trained candidate's ({@code null} otherwise, and in
     * runs of earlier versions).
     */
    public record GatePassed(boolean passed, String registered, String artifactKey) {

        boolean registersBaseline() {
            return artifactKey != null;
        }

        String artifactKeyOr(Trained trained) {
            return artifactKey != null ? artifactKey : trained.artifactKey();
        }
    }

    /** The registry entry: pending approval. */
    public record Registered(String group, int modelVersion) {
    }

    /** Where the monitoring baseline's files are. */
    public record MonitoringBaseline(String statistics, String constraints, String forecastStatistics) {
    }

}

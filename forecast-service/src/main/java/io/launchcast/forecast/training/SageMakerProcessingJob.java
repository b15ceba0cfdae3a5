package io.launchcast.forecast.training;

import io.launchcast.features.dataset.CuratedDataset;
import io.launchcast.features.dataset.CuratedDatasetReader;
import io.launchcast.forecast.accuracy.AccuracyConfig;
import io.launchcast.forecast.accuracy.AccuracyEvaluation;
import io.launchcast.forecast.evaluation.Metrics;
import io.launchcast.forecast.model.ForecastModelArtifact;
import io.launchcast.forecast.model.TrainingLineage;
import io.launchcast.forecast.pipeline.GateThresholds;
import io.launchcast.forecast.registry.DatasetLineage;
import io.launchcast.forecast.registry.Lineage;
import io.launchcast.forecast.registry.ModelVersions;
import io.launchcast.forecast.registry.PipelineRegistration;
import io.launchcast.platform.datasets.DatasetVersions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * SageMaker's processing container contract, so the Prepare and Evaluate steps of the SageMaker Pipeline
 * ({@code SageMakerPipelineDefinition}) run this same code. Started as {@code prepare} or {@code evaluate}, it reads
 * its inputs from {@code <root>/input/<name>/} and writes its outputs to {@code <root>/output/<name>/}, which
 * SageMaker uploads; {@code <root>} is {@code /opt/ml/processing} unless {@code SM_PROCESSING_ROOT} says otherwise.
 * A failure exits non-zero with the reason on standard error, which SageMaker keeps in the job's log.
 * <ul>
 * <li>{@code prepare}: the curated dataset version in {@code input/dataset/} (the prefix of the version whose
 * manifest {@code DATASET_MANIFEST} names, checked against it), copied to {@code output/training-set/}: the Train
 * step's {@code train} channel and the Evaluate step's input.</li>
 * <li>{@code evaluate}: the trained model ({@code input/model/model.tar.gz}, as SageMaker stores a training job's
 * {@code /opt/ml/model}, with the baselines stored beside it) scored with the baselines on the held-out launches
 * of that version under {@code input/config/training.yml}, and the {@link QualityGate} applied with the thresholds
 * and the group's state in {@code MAX_WAPE}, {@code COVERAGE_MIN}, {@code COVERAGE_MAX},
 * {@code GROUP_SERVES_DATASET} and {@code MODEL_PACKAGE_GROUP}. {@code output/evaluation/evaluation.json} holds
 * the decision the pipeline's Condition step reads ({@code gate.passed}) and the figures of the model that goes
 * through ({@code metrics}), {@code report.txt} the table; {@code output/model/model.tar.gz} is that model, what
 * the Register step registers, with the files the service's registry reads it by ({@link PipelineRegistration});
 * nothing when the gate stops the run.</li>
 * </ul>
 */
public final class SageMakerProcessingJob {

    /** The commands this contract answers, as the container is started with them. */
    public static final List<String> COMMANDS = List.of("prepare", "evaluate");

    private static final String MODEL = "model.bin";

    private SageMakerProcessingJob() {
    }

    /** Runs {@code command} under {@code root} with the container's environment; returns the exit code. */
    public static int run(String command, Path root, Map<String, String> environment) {
        try {
            switch (command) {
                case "prepare" -> prepare(root, environment.getOrDefault("DATASET_MANIFEST", ""));
                case "evaluate" -> evaluate(root, environment);
                default -> throw new IllegalArgumentException("unknown processing command " + command
                        + ": expected prepare or evaluate");
            }
            return 0;
        } catch (Exception e) {
            System.err.println(command + " failed: " + e);
            e.printStackTrace();
            return 1;
        }
    }

    static void prepare(Path root, String manifestKey) throws IOException {
        if (manifestKey.isBlank()) {
            throw new IllegalArgumentException("DATASET_MANIFEST names no dataset version: start the pipeline with "
                    + "the DatasetManifest parameter (curated/<dataset>/v=<version>/_manifest.json)");
        }
        Path version = root.resolve("input/dataset");
        Path manifest = version.resolve(DatasetVersions.MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            throw new IllegalArgumentException("no curated dataset version at " + manifestKey + " (the input "
                    + version + " holds no " + DatasetVersions.MANIFEST + ")");
        }
        // the input is the prefix the launcher derived from the same parameter: a mismatch is a wiring defect
        JsonNode written = JsonMapper.builder().build().readTree(Files.readAllBytes(manifest));
        String expected = DatasetVersions.prefix(written.path("dataset").asString(), written.path("version").asString())
                + DatasetVersions.MANIFEST;
        if (!expected.equals(manifestKey)) {
            throw new IllegalArgumentException("the input holds " + expected + ", not " + manifestKey);
        }
        Path out = root.resolve("output/training-set");
        try (Stream<Path> files = Files.walk(version)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = out.resolve(version.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        System.out.println("prepared " + manifestKey + " in " + out);
    }

    static void evaluate(Path root, Map<String, String> environment) throws IOException {
        Path datasetDir = root.resolve("input/training-set");
        CuratedDataset dataset = new CuratedDatasetReader().read(datasetDir);
        AccuracyEvaluation evaluation = new AccuracyEvaluation(
                AccuracyConfig.read(root.resolve("input/config/training.yml")).withDataset(datasetDir), dataset);
        AccuracyEvaluation.SplitData split = evaluation.splitData();
        Map<String, byte[]> files = modelFiles(root.resolve("input/model"));
        byte[] artifact = files.get(MODEL);
        if (artifact == null) {
            throw new IllegalArgumentException("the model in " + root.resolve("input/model") + " holds no " + MODEL);
        }
        HeldOut heldOut = HeldOut.score(artifact, evaluation.baselines(),
                name -> files.get(SageMakerTrainingJob.BASELINES + "/" + name + ".bin"), split);
        QualityGate gate = gate(environment);
        QualityGate.Decision decision = heldOut.decide(gate,
                Boolean.parseBoolean(environment.getOrDefault("GROUP_SERVES_DATASET", "false")),
                environment.getOrDefault("MODEL_PACKAGE_GROUP", "(unnamed)"), dataset.manifest().dataset());
        Map<String, Object> baselines = new LinkedHashMap<>();
        heldOut.baselines().forEach((name, m) -> baselines.put(name, m.wape()));
        Metrics registered = decision.registersFallback() ? heldOut.fallbackMetrics() : heldOut.model();
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("wape", registered.wape());
        metrics.put("mae", registered.mae());
        metrics.put("bias", registered.bias());
        metrics.put("meanWql", registered.meanWql());
        metrics.put("coverage", registered.coverage());
        metrics.put("bestBaselineWape", heldOut.bestBaselineWape());
        Map<String, Object> decided = new LinkedHashMap<>();
        decided.put("passed", decision.passed());
        decided.put("registered", decision.registered());
        decided.put("registersBaseline", decision.registersFallback());
        decided.put("message", decision.message());
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("metrics", metrics);
        document.put("gate", decided);
        document.put("baselines", baselines);
        document.put("candidate", heldOut.candidate());
        document.put("candidateWape", heldOut.model().wape());
        document.put("testLaunches", split.test().size());
        if (decision.passed()) {
            // what the Register step registers: validation's choice, or the baseline the gate let through instead
            byte[] registeredArtifact = decision.registersFallback()
                    ? files.get(SageMakerTrainingJob.BASELINES + "/" + heldOut.fallback() + ".bin") : artifact;
            Path modelDir = Files.createDirectories(root.resolve("output/model"));
            writeRegistration(registeredArtifact, metrics, dataset.manifest().sha256(), modelDir);
            Path monitoring = Files.createDirectories(modelDir.resolve(PipelineRegistration.MONITORING));
            for (Map.Entry<String, byte[]> file : TrainingSteps.monitoringBaseline(split,
                    ForecastModelArtifact.load(registeredArtifact, split.history()), registered.wape(),
                    registered.bias(), gate.coverageMin(), gate.coverageMax(), evaluation).entrySet()) {
                Files.write(monitoring.resolve(file.getKey()), file.getValue());
            }
        }
        Path out = Files.createDirectories(root.resolve("output/evaluation"));
        Files.write(out.resolve("evaluation.json"), JsonMapper.builder().build().writeValueAsBytes(document));
        String report = heldOut.report() + "gate: " + decision.message() + System.lineSeparator();
        Files.writeString(out.resolve("report.txt"), report);
        System.out.print(report);
    }

    /**
     * The gate's thresholds as the pipeline's parameters set them ({@code MAX_WAPE} absent or {@code none}: no
     * limit).
     */
    static QualityGate gate(Map<String, String> environment) {
        return new QualityGate(GateThresholds.parseMaxWape(environment.get("MAX_WAPE")),
                Double.parseDouble(environment.getOrDefault("COVERAGE_MIN", "0")),
                Double.parseDouble(environment.getOrDefault("COVERAGE_MAX", "100")));
    }

    /**
     * The files of the training job's {@code model.tar.gz} by their path inside it (a plain {@code model.bin} is
     * taken as it is).
     */
    static Map<String, byte[]> modelFiles(Path dir) throws IOException {
        Path plain = dir.resolve(MODEL);
        if (Files.isRegularFile(plain)) {
            return Map.of(MODEL, Files.readAllBytes(plain));
        }
        Path archive = dir.resolve("model.tar.gz");
        if (!Files.isRegularFile(archive)) {
            throw new IllegalArgumentException("no model.tar.gz (or model.bin) in " + dir);
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (InputStream file = Files.newInputStream(archive);
                TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(file))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                if (entry.isFile()) {
                    files.put(Path.of(entry.getName()).normalize().toString().replace('\\', '/'), tar.readAllBytes());
                }
            }
        }
        return files;
    }

    /**
     * The model in {@code dir} as the Register step and the service's registry take it: {@code model.tar.gz} (the
     * package's model data, what SageMaker hands an inference container) and, beside it, the raw artifact, its
     * lineage and a {@link PipelineRegistration} naming them with the metrics.
     */
    static void writeRegistration(byte[] artifact, Map<String, Object> metrics, String manifestSha256, Path dir)
            throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        writeModel(artifact, dir.resolve(PipelineRegistration.MODEL_DATA));
        Files.write(dir.resolve(PipelineRegistration.ARTIFACT), artifact);
        ForecastModelArtifact.Contents contents = ForecastModelArtifact.read(artifact);
        TrainingLineage trained = json.convertValue(contents.header().get("lineage"), TrainingLineage.class);
        Map<String, String> hyperparameters = new TreeMap<>();
        trained.hyperparameters().forEach((name, value) -> hyperparameters.put(name, String.valueOf(value)));
        String manifestKey = DatasetVersions.prefix(trained.dataset(), trained.datasetVersion()) + DatasetVersions.MANIFEST;
        // the training set is the curated version itself (Prepare copies it): its manifest's hash identifies it
        Lineage lineage = new Lineage(List.of(new DatasetLineage(trained.dataset(), trained.datasetVersion(),
                manifestKey, trained.datasetManifestSha256())), trained.featureDefinitionsVersion(),
                trained.featureDefinitionsSha256(), manifestSha256, manifestKey, hyperparameters, trained.seed(),
                trained.codeVersion(), String.valueOf(contents.tribuoProvenance()));
        Files.write(dir.resolve(PipelineRegistration.LINEAGE), json.writeValueAsBytes(lineage));
        Map<String, Double> registered = new TreeMap<>();
        metrics.forEach((name, value) -> registered.put(name, ((Number) value).doubleValue()));
        Files.write(dir.resolve(PipelineRegistration.FILE), json.writeValueAsBytes(new PipelineRegistration(
                PipelineRegistration.ARTIFACT, ModelVersions.sha256(artifact), PipelineRegistration.LINEAGE, registered,
                PipelineRegistration.MONITORING)));
    }

    /** {@code artifact} as SageMaker's model registry takes a model: {@code model.bin} in a gzipped tar. */
    static void writeModel(byte[] artifact, Path archive) throws IOException {
        try (OutputStream file = Files.newOutputStream(archive);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(file))) {
            TarArchiveEntry entry = new TarArchiveEntry(MODEL);
            entry.setSize(artifact.length);
            tar.putArchiveEntry(entry);
            tar.write(artifact);
            tar.closeArchiveEntry();
        }
    }

    public static void main(String[] args) {
        Path root = Path.of(System.getenv().getOrDefault("SM_PROCESSING_ROOT", "/opt/ml/processing"));
        System.exit(run(args.length > 0 ? args[0] : "", root, System.getenv()));
    }
}

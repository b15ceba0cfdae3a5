package io.launchcast.forecast.training;

import io.launchcast.features.dataset.CuratedDataset;
import io.launchcast.features.dataset.CuratedDatasetReader;
import io.launchcast.forecast.accuracy.AccuracyConfig;
import io.launchcast.forecast.accuracy.AccuracyEvaluation;
import io.launchcast.forecast.evaluation.Metrics;
import io.launchcast.forecast.model.CalibratedModel;
import io.launchcast.forecast.model.ForecastModelArtifact;
import io.launchcast.forecast.model.ForecastTrainer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import tools.jackson.databind.json.JsonMapper;

/**
 * SageMaker's processing container contract, so the Prepare and Evaluate steps of the SageMaker Pipeline
 * ({@code SageMakerPipelineDefinition}) run this same code. Started as {@code prepare} or {@code evaluate}, it reads
 * its inputs from {@code <root>/input/<name>/} and writes its outputs to {@code <root>/output/<name>/}, which
 * SageMaker uploads; {@code <root>} is {@code /opt/ml/processing} unless {@code SM_PROCESSING_ROOT} says otherwise.
 * A failure exits non-zero with the reason on standard error, which SageMaker keeps in the job's log.
 * <ul>
 * <li>{@code prepare}: of the curated datasets in {@code input/dataset/} (the bucket's {@code curated/} prefix), the
 * version whose manifest {@code DATASET_MANIFEST} names, copied to {@code output/training-set/}: the Train step's
 * {@code train} channel and the Evaluate step's input.</li>
 * <li>{@code evaluate}: the trained model ({@code input/model/model.tar.gz}, as SageMaker stores a training job's
 * {@code /opt/ml/model}) scored with the baselines on the held-out launches of that version under
 * {@code input/config/training.yml}; {@code output/evaluation/evaluation.json} holds the figures the quality gate
 * reads ({@code metrics.wape}), {@code report.txt} the table.</li>
 * </ul>
 */
public final class SageMakerProcessingJob {

    /** The commands this contract answers, as the container is started with them. */
    public static final List<String> COMMANDS = List.of("prepare", "evaluate");

    private static final String CURATED = "curated/";

    private SageMakerProcessingJob() {
    }

    /** Runs {@code command} under {@code root} with the container's environment; returns the exit code. */
    public static int run(String command, Path root, Map<String, String> environment) {
        try {
            switch (command) {
                case "prepare" -> prepare(root, environment.getOrDefault("DATASET_MANIFEST", ""));
                case "evaluate" -> evaluate(root);
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
        String relative = manifestKey.startsWith(CURATED) ? manifestKey.substring(CURATED.length()) : manifestKey;
        Path manifest = root.resolve("input/dataset").resolve(relative).normalize();
        if (!manifest.startsWith(root.resolve("input/dataset")) || !Files.isRegularFile(manifest)) {
            throw new IllegalArgumentException("no curated dataset version at " + manifestKey + " (looked for "
                    + manifest + ")");
        }
        Path version = manifest.getParent();
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

    static void evaluate(Path root) throws IOException {
        Path datasetDir = root.resolve("input/training-set");
        CuratedDataset dataset = new CuratedDatasetReader().read(datasetDir);
        AccuracyEvaluation evaluation = new AccuracyEvaluation(
                AccuracyConfig.read(root.resolve("input/config/training.yml")).withDataset(datasetDir), dataset);
        AccuracyEvaluation.SplitData split = evaluation.splitData();
        byte[] artifact = modelFrom(root.resolve("input/model"));
        CalibratedModel model = ForecastModelArtifact.load(artifact, split.history());
        Map<String, Metrics> table = new LinkedHashMap<>();
        for (ForecastTrainer.Baseline baseline : evaluation.baselines()) {
            table.put(baseline.name(), TrainingSteps.score(new CalibratedModel(baseline.fitter().apply(split.fit()),
                    model.calibration(), null), split.test()));
        }
        double bestBaseline = table.values().stream().mapToDouble(Metrics::wape).min().orElse(Double.NaN);
        Metrics ensemble = TrainingSteps.score(model, split.test());
        table.put("ensemble", ensemble);
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("wape", ensemble.wape());
        metrics.put("mae", ensemble.mae());
        metrics.put("bias", ensemble.bias());
        metrics.put("meanWql", ensemble.meanWql());
        metrics.put("coverage", ensemble.coverage());
        metrics.put("bestBaselineWape", bestBaseline);
        Map<String, Object> baselines = new LinkedHashMap<>();
        table.forEach((name, m) -> baselines.put(name, m.wape()));
        baselines.remove("ensemble");
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("metrics", metrics);
        document.put("baselines", baselines);
        document.put("candidate", String.valueOf(ForecastModelArtifact.read(artifact).learned().get("selection.chosen")));
        document.put("testLaunches", split.test().size());
        Path out = Files.createDirectories(root.resolve("output/evaluation"));
        Files.write(out.resolve("evaluation.json"), JsonMapper.builder().build().writeValueAsBytes(document));
        String report = TrainingSteps.report(table);
        Files.writeString(out.resolve("report.txt"), report);
        System.out.print(report);
    }

    /** The artifact in the training job's {@code model.tar.gz} (or a {@code model.bin} given as it is). */
    static byte[] modelFrom(Path dir) throws IOException {
        Path plain = dir.resolve("model.bin");
        if (Files.isRegularFile(plain)) {
            return Files.readAllBytes(plain);
        }
        Path archive = dir.resolve("model.tar.gz");
        if (!Files.isRegularFile(archive)) {
            throw new IllegalArgumentException("no model.tar.gz (or model.bin) in " + dir);
        }
        try (InputStream file = Files.newInputStream(archive);
                TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(file))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                if (entry.isFile() && Path.of(entry.getName()).getFileName().toString().equals("model.bin")) {
                    return tar.readAllBytes();
                }
            }
        }
        throw new IllegalArgumentException(archive + " holds no model.bin");
    }

    public static void main(String[] args) {
        Path root = Path.of(System.getenv().getOrDefault("SM_PROCESSING_ROOT", "/opt/ml/processing"));
        System.exit(run(args.length > 0 ? args[0] : "", root, System.getenv()));
    }
}

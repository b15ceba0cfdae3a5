package io.launchcast.forecast.training;

import io.launchcast.features.compute.FeatureDefinitions;
import io.launchcast.features.dataset.CuratedDataset;
import io.launchcast.features.dataset.CuratedDatasetReader;
import io.launchcast.forecast.accuracy.AccuracyConfig;
import io.launchcast.forecast.accuracy.AccuracyEvaluation;
import io.launchcast.forecast.model.ForecastModelArtifact;
import io.launchcast.forecast.model.ForecastTrainer;
import io.launchcast.forecast.model.ModelSettings;
import io.launchcast.forecast.model.TrainingLineage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.json.JsonMapper;

/**
 * SageMaker's training container contract, so the Train step of the SageMaker Pipeline runs this same code:
 * started as {@code train}, it reads {@code <root>/input/config/hyperparameters.json}, the curated dataset
 * version in channel {@code train} ({@code <root>/input/data/train/}) and the training configuration in channel
 * {@code config} ({@code <root>/input/data/config/training.yml}), and writes the artifact to
 * {@code <root>/model/model.bin} and each baseline the quality gate may register instead to
 * {@code <root>/model/baselines/<name>.bin}. On failure it writes the reason to {@code <root>/output/failure} and exits
 * non-zero, as SageMaker expects. {@code <root>} is {@code /opt/ml} unless {@code SM_ROOT} says otherwise.
 */
public final class SageMakerTrainingJob {

    /** The folder of the model directory holding each baseline that can be registered, as {@code <name>.bin}. */
    static final String BASELINES = "baselines";

    private SageMakerTrainingJob() {
    }

    /** Runs the job under {@code root}; returns the process exit code. */
    public static int run(Path root) {
        try {
            Path hyperparameterFile = root.resolve("input/config/hyperparameters.json");
            Map<String, String> hyperparameters = new TreeMap<>();
            if (Files.exists(hyperparameterFile)) {
                // SageMaker passes every hyperparameter as a JSON string
                JsonMapper.builder().build().readTree(Files.readAllBytes(hyperparameterFile)).properties()
                        .forEach(p -> hyperparameters.put(p.getKey(), p.getValue().asString()));
            }
            Path datasetDir = root.resolve("input/data/train");
            Path config = root.resolve("input/data/config/training.yml");
            CuratedDataset dataset = new CuratedDatasetReader().read(datasetDir);
            AccuracyEvaluation evaluation = new AccuracyEvaluation(AccuracyConfig.read(config).withDataset(datasetDir), dataset);
            AccuracyEvaluation.SplitData split = evaluation.splitData();
            ModelSettings settings = TrainingSteps.withOverrides(evaluation.config().model(), hyperparameters);
            ForecastTrainer.Result result = new ForecastTrainer(settings).train(split.fit(), split.history(),
                    evaluation.baselines());
            TrainingLineage lineage = new TrainingLineage(dataset.manifest().dataset(), dataset.manifest().version(),
                    dataset.manifest().sha256(), FeatureDefinitions.VERSION, evaluation.definitions().hash(),
                    settings.seed(), new TreeMap<>(hyperparameters), TrainingLineage.currentCodeVersion());
            Files.createDirectories(root.resolve("model"));
            Files.write(root.resolve("model/model.bin"), ForecastModelArtifact.write(result, lineage));
            // the baselines the quality gate may register instead (SageMakerProcessingJob's evaluate)
            Path baselines = Files.createDirectories(root.resolve("model").resolve(BASELINES));
            for (Map.Entry<String, byte[]> baseline : TrainingSteps.baselineArtifacts(result, lineage).entrySet()) {
                Files.write(baselines.resolve(baseline.getKey() + ".bin"), baseline.getValue());
            }
            System.out.println("trained on " + split.fit().size() + " launches; artifact in " + root.resolve("model"));
            return 0;
        } catch (Exception e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            try {
                Files.createDirectories(root.resolve("output"));
                Files.writeString(root.resolve("output/failure"), e + "\n" + trace, StandardCharsets.UTF_8);
            } catch (IOException ignored) {
                // nothing more can be reported than the exit code
            }
            System.err.println("training failed: " + e);
            return 1;
        }
    }

    public static void main(String[] args) {
        System.exit(run(Path.of(System.getenv().getOrDefault("SM_ROOT", "/opt/ml"))));
    }
}

package io.launchcast.forecast.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.launchcast.forecast.registry.Lineage;
import io.launchcast.forecast.registry.ModelVersions;
import io.launchcast.forecast.registry.PipelineRegistration;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SageMaker Pipeline's steps as SageMaker runs them, one container contract after the other: Prepare's
 * output is Train's channel, Train's model reaches Evaluate as SageMaker packs it (model.tar.gz), and Evaluate
 * writes the property file the quality gate reads.
 */
class SageMakerProcessingJobTest {

    private static final String MANIFEST = "curated/synthetic/v=1/_manifest.json";

    @TempDir
    Path dir;

    private static void copy(Path from, Path to) throws Exception {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
    }

    /** What SageMaker uploads of a training job's /opt/ml/model. */
    private static void tarGz(Path modelDir, Path archive) throws Exception {
        Files.createDirectories(archive.getParent());
        try (OutputStream out = Files.newOutputStream(archive);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
            for (Path file : Files.walk(modelDir).filter(Files::isRegularFile).toList()) {
                TarArchiveEntry entry = new TarArchiveEntry(file.toFile(), modelDir.relativize(file).toString());
                tar.putArchiveEntry(entry);
                Files.copy(file, tar);
                tar.closeArchiveEntry();
            }
        }
    }

    /** Prepare, then Train on its output; answers the training job's root (its model directory holds the artifacts). */
    private Path prepareAndTrain() throws Exception {
        Path prepare = dir.resolve("prepare");
        // the version's prefix, as the launcher points Prepare's input at it
        SageMakerTrainingJobTest.curatedDataset(prepare.resolve("input/dataset"));

        assertThat(SageMakerProcessingJob.run("prepare", prepare, Map.of("DATASET_MANIFEST", MANIFEST))).isZero();

        Path trainingSet = prepare.resolve("output/training-set");
        assertThat(trainingSet.resolve("_manifest.json")).exists();
        assertThat(trainingSet.resolve("products/part-0.parquet")).exists();

        Path train = dir.resolve("train");
        copy(trainingSet, train.resolve("input/data/train"));
        SageMakerTrainingJobTest.trainingConfig(train.resolve("input/data/config/training.yml"));
        assertThat(SageMakerTrainingJob.run(train)).isZero();
        return train;
    }

    /** Evaluate, in a root of its own named {@code name}, on what Prepare and Train left; answers evaluation.json. */
    private JsonNode evaluate(Path train, String name, Map<String, String> environment) throws Exception {
        Path evaluate = dir.resolve(name);
        tarGz(train.resolve("model"), evaluate.resolve("input/model/model.tar.gz"));
        copy(dir.resolve("prepare/output/training-set"), evaluate.resolve("input/training-set"));
        SageMakerTrainingJobTest.trainingConfig(evaluate.resolve("input/config/training.yml"));

        assertThat(SageMakerProcessingJob.run("evaluate", evaluate, environment)).isZero();

        assertThat(Files.readString(evaluate.resolve("output/evaluation/report.txt"))).contains("registered (")
                .contains("gate: ");
        return JsonMapper.builder().build()
                .readTree(Files.readString(evaluate.resolve("output/evaluation/evaluation.json")));
    }

    /** The model Evaluate left for the Register step, as SageMaker's registry takes it, or none. */
    private Map<String, byte[]> registered(String name) throws Exception {
        Path model = dir.resolve(name).resolve("output/model");
        return Files.exists(model.resolve("model.tar.gz")) ? SageMakerProcessingJob.modelFiles(model) : Map.of();
    }

    @Test
    void prepareTrainAndEvaluateChainAsThePipelineDefinesThem() throws Exception {
        Path train = prepareAndTrain();
        assertThat(train.resolve("model/baselines/mean-curve.bin")).as("the baselines the gate may register").exists();

        JsonNode evaluation = evaluate(train, "evaluate", Map.of("MAX_WAPE", "100", "COVERAGE_MIN", "0",
                "COVERAGE_MAX", "100", "GROUP_SERVES_DATASET", "true", "MODEL_PACKAGE_GROUP", "launch-demand"));

        assertThat(evaluation.path("metrics").path("wape").asDouble()).isBetween(1.0, 100.0);
        assertThat(evaluation.path("metrics").path("bestBaselineWape").asDouble()).isPositive();
        assertThat(evaluation.path("metrics").path("coverage").asDouble()).isBetween(0.0, 100.0);
        assertThat(evaluation.path("baselines").propertyNames()).contains("mean-curve", "median-curve");
        assertThat(evaluation.path("testLaunches").asInt()).isEqualTo(30);
        JsonNode gate = evaluation.path("gate");
        boolean ahead = evaluation.path("metrics").path("wape").asDouble()
                < evaluation.path("metrics").path("bestBaselineWape").asDouble()
                || evaluation.path("baselines").has(evaluation.path("candidate").asString());
        assertThat(gate.path("passed").isBoolean()).as("the Condition step compares it with true").isTrue();
        assertThat(gate.path("passed").asBoolean()).isEqualTo(ahead);
        assertThat(gate.path("registersBaseline").asBoolean()).as("the group serves the dataset: no fallback").isFalse();
        if (ahead) {
            assertThat(gate.path("registered").asString()).isEqualTo(evaluation.path("candidate").asString());
            assertThat(registered("evaluate").get("model.bin")).isEqualTo(Files.readAllBytes(train.resolve("model/model.bin")));
        } else {
            assertThat(gate.path("message").asString()).contains("does not beat the best baseline");
            assertThat(registered("evaluate")).as("nothing to register").isEmpty();
        }
    }

    @Test
    void theGateStopsACandidateOutsideItsThresholdsWhenTheGroupServesTheDataset() throws Exception {
        Path train = prepareAndTrain();

        JsonNode evaluation = evaluate(train, "stopped", Map.of("COVERAGE_MIN", "101", "COVERAGE_MAX", "102",
                "GROUP_SERVES_DATASET", "true", "MODEL_PACKAGE_GROUP", "launch-demand"));

        assertThat(evaluation.path("gate").path("passed").asBoolean()).isFalse();
        assertThat(evaluation.path("gate").path("message").asString()).contains("is outside 101-102%");
        assertThat(registered("stopped")).as("the Register step has nothing to register").isEmpty();
    }

    @Test
    void onAFirstRunTheBetterOfTheCandidateAndTheBestStoredBaselineGoesThrough() throws Exception {
        Path train = prepareAndTrain();

        JsonNode evaluation = evaluate(train, "first", Map.of("COVERAGE_MIN", "101", "COVERAGE_MAX", "102",
                "GROUP_SERVES_DATASET", "false", "MODEL_PACKAGE_GROUP", "launch-demand"));

        JsonNode gate = evaluation.path("gate");
        assertThat(gate.path("passed").asBoolean()).isTrue();
        assertThat(gate.path("message").asString()).contains("group launch-demand has no approved model to serve on synthetic");
        String name = gate.path("registered").asString();
        byte[] expected = gate.path("registersBaseline").asBoolean()
                ? Files.readAllBytes(train.resolve("model/baselines/" + name + ".bin"))
                : Files.readAllBytes(train.resolve("model/model.bin"));
        assertThat(registered("first").get("model.bin")).as("the model that went through, for Register").isEqualTo(expected);
        // beside it, what the service's registry reads a pipeline-registered package by
        Path model = dir.resolve("first/output/model");
        JsonMapper json = JsonMapper.builder().build();
        PipelineRegistration registration = json.readValue(model.resolve(PipelineRegistration.FILE).toFile(),
                PipelineRegistration.class);
        assertThat(Files.readAllBytes(model.resolve(registration.artifact()))).isEqualTo(expected);
        assertThat(registration.artifactSha256()).isEqualTo(ModelVersions.sha256(expected));
        assertThat(registration.metrics().get("wape")).isEqualTo(evaluation.path("metrics").path("wape").asDouble());
        Lineage lineage = json.readValue(model.resolve(registration.lineage()).toFile(), Lineage.class);
        assertThat(lineage.datasets()).singleElement().satisfies(d -> {
            assertThat(d.dataset()).isEqualTo("synthetic");
            assertThat(d.manifestKey()).isEqualTo(MANIFEST);
        });
        assertThat(lineage.seed()).isEqualTo(7);
        assertThat(model.resolve(registration.monitoring())).isDirectoryContaining("glob:**/statistics.json")
                .isDirectoryContaining("glob:**/constraints.json").isDirectoryContaining("glob:**/forecast-statistics.json");
        assertThat(json.readTree(model.resolve(registration.monitoring()).resolve("constraints.json").toFile())
                .path("forecast_quality").path("cohort_attribute").asString())
                .as("what the monitor breaks the version's forecast quality down by: the configuration's cohorts")
                .isEqualTo("category");
        assertThat(json.readTree(model.resolve(registration.monitoring()).resolve("constraints.json").toFile())
                .path("forecast_quality").path("bias_max").asDouble())
                .as("the version's own bias limit: its test bias with a margin")
                .isCloseTo(Math.abs(registration.metrics().get("bias")) * 1.1, org.assertj.core.data.Offset.offset(1e-9));
        double bestStored;
        try (var stored = Files.list(train.resolve("model/baselines"))) {
            bestStored = stored.map(f -> f.getFileName().toString().replace(".bin", ""))
                    .mapToDouble(b -> evaluation.path("baselines").path(b).asDouble()).min().orElseThrow();
        }
        assertThat(evaluation.path("metrics").path("wape").asDouble()).as("the figures of what went through")
                .isEqualTo(Math.min(bestStored, evaluation.path("candidateWape").asDouble()));
    }

    @Test
    void prepareRefusesAVersionThatIsNotThereAnotherThanTheOneNamedOrNoneAtAll() throws Exception {
        Path root = dir.resolve("missing");
        Files.createDirectories(root.resolve("input/dataset"));

        assertThatThrownBy(() -> SageMakerProcessingJob.prepare(root, MANIFEST))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no curated dataset version at");
        assertThatThrownBy(() -> SageMakerProcessingJob.prepare(root, ""))
                .hasMessageContaining("DatasetManifest");
        SageMakerTrainingJobTest.curatedDataset(root.resolve("input/dataset"));
        assertThatThrownBy(() -> SageMakerProcessingJob.prepare(root, "curated/synthetic/v=9/_manifest.json"))
                .hasMessageContaining("the input holds curated/synthetic/v=1/_manifest.json");
        assertThat(SageMakerProcessingJob.run("deploy", root, Map.of())).isEqualTo(1);
    }

    @Test
    void theGatesWapeLimitIsANumberOrNoneAndAnythingElseIsRefusedSayingSo() {
        assertThat(SageMakerProcessingJob.gate(Map.of("MAX_WAPE", "none", "COVERAGE_MIN", "60", "COVERAGE_MAX", "95")))
                .isEqualTo(new QualityGate(Double.POSITIVE_INFINITY, 60, 95));
        assertThat(SageMakerProcessingJob.gate(Map.of("MAX_WAPE", "72.5")).maxWape()).isEqualTo(72.5);
        assertThatThrownBy(() -> SageMakerProcessingJob.gate(Map.of("MAX_WAPE", "seventy")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxWape seventy: give a WAPE in percent, or none");
    }
}

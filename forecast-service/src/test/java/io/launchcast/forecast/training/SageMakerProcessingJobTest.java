package io.launchcast.forecast.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
            for (Path file : Files.list(modelDir).toList()) {
                TarArchiveEntry entry = new TarArchiveEntry(file.toFile(), file.getFileName().toString());
                tar.putArchiveEntry(entry);
                Files.copy(file, tar);
                tar.closeArchiveEntry();
            }
        }
    }

    @Test
    void prepareTrainAndEvaluateChainAsThePipelineDefinesThem() throws Exception {
        Path prepare = dir.resolve("prepare");
        SageMakerTrainingJobTest.curatedDataset(prepare.resolve("input/dataset/synthetic/v=1"));
        SageMakerTrainingJobTest.curatedDataset(prepare.resolve("input/dataset/synthetic/v=0"));

        assertThat(SageMakerProcessingJob.run("prepare", prepare, Map.of("DATASET_MANIFEST", MANIFEST))).isZero();

        Path trainingSet = prepare.resolve("output/training-set");
        assertThat(trainingSet.resolve("_manifest.json")).exists();
        assertThat(trainingSet.resolve("products/part-0.parquet")).exists();

        Path train = dir.resolve("train");
        copy(trainingSet, train.resolve("input/data/train"));
        SageMakerTrainingJobTest.trainingConfig(train.resolve("input/data/config/training.yml"));
        assertThat(SageMakerTrainingJob.run(train)).isZero();

        Path evaluate = dir.resolve("evaluate");
        tarGz(train.resolve("model"), evaluate.resolve("input/model/model.tar.gz"));
        copy(trainingSet, evaluate.resolve("input/training-set"));
        SageMakerTrainingJobTest.trainingConfig(evaluate.resolve("input/config/training.yml"));

        assertThat(SageMakerProcessingJob.run("evaluate", evaluate, Map.of())).isZero();

        JsonNode evaluation = JsonMapper.builder().build()
                .readTree(Files.readString(evaluate.resolve("output/evaluation/evaluation.json")));
        assertThat(evaluation.path("metrics").path("wape").asDouble()).isBetween(1.0, 100.0);
        assertThat(evaluation.path("metrics").path("bestBaselineWape").asDouble()).isPositive();
        assertThat(evaluation.path("metrics").path("coverage").asDouble()).isBetween(0.0, 100.0);
        assertThat(evaluation.path("baselines").propertyNames()).contains("mean-curve", "median-curve");
        assertThat(evaluation.path("testLaunches").asInt()).isEqualTo(30);
        assertThat(Files.readString(evaluate.resolve("output/evaluation/report.txt"))).contains("ensemble");
    }

    @Test
    void prepareRefusesAVersionThatIsNotThereOrNoneAtAll() throws Exception {
        Path root = dir.resolve("missing");
        Files.createDirectories(root.resolve("input/dataset"));

        assertThatThrownBy(() -> SageMakerProcessingJob.prepare(root, "curated/synthetic/v=9/_manifest.json"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no curated dataset version at");
        assertThatThrownBy(() -> SageMakerProcessingJob.prepare(root, "curated/../../etc/_manifest.json"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SageMakerProcessingJob.prepare(root, ""))
                .hasMessageContaining("DatasetManifest");
        assertThat(SageMakerProcessingJob.run("deploy", root, Map.of())).isEqualTo(1);
    }
}

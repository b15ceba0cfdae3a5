package io.launchcast.forecast.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.launchcast.forecast.pipeline.GateThresholds;
import io.launchcast.forecast.pipeline.InvalidRunParametersException;
import io.launchcast.forecast.pipeline.PipelineDefinition;
import io.launchcast.forecast.pipeline.StepFailedException;
import io.launchcast.forecast.registry.ApprovalStatus;
import io.launchcast.forecast.registry.ModelLifecycle;
import io.launchcast.forecast.registry.ModelRegistryContract;
import io.launchcast.forecast.registry.ModelVersion;
import io.launchcast.forecast.registry.local.ObjectStoreModelRegistry;
import io.launchcast.platform.testing.LocalObjectStores;
import java.time.Clock;
import io.launchcast.forecast.pipeline.StepInputs;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class TrainingStepsTest {

    private static ObjectStoreModelRegistry registry;
    // groups of their own: the stand-in's bucket outlives one test run
    private static final String SERVED = "served-" + UUID.randomUUID();
    private static final String FIRST_RUN = "first-run-" + UUID.randomUUID();
    private final List<String> log = new ArrayList<>();

    @BeforeAll
    static void registryWithAChampion() {
        registry = new ObjectStoreModelRegistry(LocalObjectStores.onLocalCloud(), JsonMapper.builder().build(),
                Clock.systemUTC());
        ModelVersion serving = registry.register(ModelRegistryContract.registration(SERVED, "model-a", 55.0));
        registry.decide(SERVED, serving.version(), ApprovalStatus.Approved, "test", "test");
    }

    /** The steps of a group that has an approved model trained on {@code visuelle} ({@code SERVED}) or none yet. */
    private static TrainingSteps steps(String group) {
        return new TrainingSteps(null, null, null,
                new TrainingProperties(Path.of("training.yml"), "sample", 10000, 10000),
                new GateThresholds(60.0, 60, 95),
                new ModelLifecycle(registry, event -> { }), group, JsonMapper.builder().build());
    }

    private final TrainingSteps steps = steps(SERVED);
    private static final Map<String, String> VISUELLE = Map.of("dataset", "visuelle");

    /** An evaluation whose best stored baseline, {@code median-curve}, scored {@code fallbackWape}. */
    private static TrainingSteps.Evaluated evaluated(double wape, double coverage, String candidate,
            boolean candidateIsBaseline, double bestBaselineWape, double fallbackWape) {
        return new TrainingSteps.Evaluated(wape, 3.0, -4.0, 0.4, coverage, candidate, candidateIsBaseline,
                bestBaselineWape, "report", "median-curve", "pipeline/artifacts/median.bin", fallbackWape, 2.5, -9.0,
                0.5, 75.0);
    }

    private static List<String> fields(Class<? extends Record> output) {
        return Arrays.stream(output.getRecordComponents()).map(RecordComponent::getName).sorted().toList();
    }

    /** The names a run shows (and stored runs and the step cache hold) are the ones earlier versions wrote. */
    @Test
    void aRunWithNoDatasetVersionToTrainOnIsRefusedBeforeItStarts(@org.junit.jupiter.api.io.TempDir Path dir) {
        var store = new io.launchcast.platform.objectstore.directory.DirectoryObjectStore(dir.resolve("store"));
        store.put("curated/shop/v=20260101T000000Z-a/_manifest.json", "{}".getBytes(StandardCharsets.UTF_8),
                "application/json");
        store.put("curated/shop/v=20260201T000000Z-b/_manifest.json", "{}".getBytes(StandardCharsets.UTF_8),
                "application/json");
        new io.launchcast.platform.datasets.DatasetVersions(store, JsonMapper.builder().build())
                .withdraw("shop", "20260201T000000Z-b", "late rows", "ops", java.time.Instant.EPOCH);
        PipelineDefinition definition = new TrainingSteps(store, new TrainingData(store, dir.resolve("cache")), null,
                new TrainingProperties(Path.of("training.yml"), "sample", 10000, 10000),
                new GateThresholds(60.0, 60, 95), new ModelLifecycle(registry, event -> { }), SERVED,
                JsonMapper.builder().build()).definition();

        definition.check(Map.of("dataset", "shop"));
        definition.check(Map.of("dataset", "shop", "datasetVersion", "20260101T000000Z-a"));
        assertThat(List.<Map<String, String>>of(Map.of("dataset", "never-ingested"), Map.of(),
                Map.of("dataset", "shop", "datasetVersion", "20260301T000000Z-c"),
                Map.of("dataset", "shop", "datasetVersion", "20260201T000000Z-b")))
                .map(run -> org.assertj.core.api.Assertions.catchThrowableOfType(InvalidRunParametersException.class,
                        () -> definition.check(run)).getMessage())
                .containsExactly("dataset never-ingested has no published version: ingest it first",
                        "dataset sample has no published version: ingest it first",
                        "dataset shop has no published version 20260301T000000Z-c",
                        "dataset shop version 20260201T000000Z-b was withdrawn by ops: late rows; pin another version");
    }

    @Test
    void aConfigurationThatDoesNotFitTheDataFailsPrepareAtOnceNamingTheFile(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        // a configuration error used to be retried as if it were transient: three attempts, the same message
        var store = new io.launchcast.platform.objectstore.directory.DirectoryObjectStore(dir.resolve("store"));
        Path local = dir.resolve("curated");
        SageMakerTrainingJobTest.curatedDataset(local);
        try (var files = java.nio.file.Files.walk(local)) {
            for (Path f : files.filter(java.nio.file.Files::isRegularFile).toList()) {
                store.put("curated/synthetic/v=20260101T000000Z-a/" + local.relativize(f),
                        java.nio.file.Files.readAllBytes(f), "application/octet-stream");
            }
        }
        Path config = dir.resolve("training.yml");
        SageMakerTrainingJobTest.trainingConfig(config);
        java.nio.file.Files.writeString(config, java.nio.file.Files.readString(config)
                .replace("attributes: [category, color]", "attributes: [category, colour]"));
        TrainingSteps misconfigured = new TrainingSteps(store, new TrainingData(store, dir.resolve("cache")), null,
                new TrainingProperties(config, "synthetic", 10000, 10000), new GateThresholds(60.0, 60, 95),
                new ModelLifecycle(registry, event -> { }), SERVED, JsonMapper.builder().build());

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> misconfigured.new Prepare().execute(null,
                Map.of("dataset", "synthetic", "datasetVersion", "20260101T000000Z-a"), log::add))
                .isInstanceOf(io.launchcast.forecast.pipeline.StepFailedException.class)
                .hasMessage("training configuration " + config + " does not fit synthetic 20260101T000000Z-a: "
                        + "attributes: colour is not an attribute of dataset synthetic (its mapping declares "
                        + "[category, color])");
    }

    @Test
    void stepOutputsKeepTheFieldNamesOfTheRunsJson() {
        assertThat(fields(TrainingSteps.Prepared.class)).containsExactlyInAnyOrder("dataset", "version",
                "manifestKey", "manifestSha256", "featureDefinitionsVersion", "featureDefinitionsHash",
                "fitLaunches", "testLaunches", "trainingSetId", "trainingSetKey", "trainingSetDefinitionsHash",
                "trainingSetManifestKey", "trainingSetSha256");
        assertThat(fields(TrainingSteps.Trained.class)).containsExactlyInAnyOrder("artifactKey", "artifactSha256",
                "seed", "hyperparameters", "trainSeconds", "baselineArtifactKeys");
        assertThat(fields(TrainingSteps.Evaluated.class)).containsExactlyInAnyOrder("wape", "mae", "bias",
                "meanWql", "coverage", "candidate", "candidateIsBaseline", "bestBaselineWape", "reportKey", "fallback", "fallbackArtifactKey",
                "fallbackWape", "fallbackMae", "fallbackBias", "fallbackMeanWql", "fallbackCoverage");
        assertThat(fields(TrainingSteps.GatePassed.class)).containsExactlyInAnyOrder("passed", "registered",
                "artifactKey");
        assertThat(fields(TrainingSteps.Registered.class)).containsExactlyInAnyOrder("group", "modelVersion");
        assertThat(fields(TrainingSteps.MonitoringBaseline.class)).containsExactlyInAnyOrder("statistics",
                "constraints", "forecastStatistics");
    }

    @Test
    void theGateReadsTheEvaluationAndLetsAModelAheadOfTheBaselinesThrough() {
        TrainingSteps.Evaluated evaluated = evaluated(55.0, 80.0, "blend", false, 58.0, 58.0);

        TrainingSteps.GatePassed passed = steps.new Gate().execute(StepInputs.of("gate", evaluated), VISUELLE,
                log::add);

        assertThat(passed.passed()).isTrue();
        assertThat(passed.registered()).isEqualTo("blend");
        assertThat(passed.artifactKey()).as("the trained candidate's own artifact").isNull();
        assertThat(log).singleElement().asString().contains("blend").contains("WAPE 55.00");
    }

    @Test
    void aBaselineChosenOnValidationPassesEvenBehindAnotherBaselineOnTheTestLaunches() {
        TrainingSteps.Evaluated evaluated = evaluated(60.0, 80.0, "median-curve", true, 58.0, 60.0);

        TrainingSteps.GatePassed passed = steps.new Gate().execute(StepInputs.of("gate", evaluated), VISUELLE,
                log::add);

        assertThat(passed.passed()).isTrue();
        assertThat(log).singleElement().asString().contains("the median-curve baseline");
    }

    @Test
    void theGateStopsAModelBehindABaselineOrAboveTheLimitWithBothReasons() {
        TrainingSteps.Evaluated evaluated = evaluated(62.0, 80.0, "blend", false, 58.0, 58.0);

        assertThatThrownBy(() -> steps.new Gate().execute(StepInputs.of("gate", evaluated), VISUELLE, log::add))
                .isInstanceOf(StepFailedException.class).hasMessageContaining("above the gate's 60.00")
                .hasMessageContaining("does not beat the best baseline (58.00)");
    }

    @Test
    void withNoModelToServeTheBestStoredBaselineGoesThroughInPlaceOfACandidateBehindIt() {
        TrainingSteps.GatePassed passed = steps(FIRST_RUN).new Gate().execute(
                StepInputs.of("gate", evaluated(57.0, 80.0, "blend", false, 55.0, 55.5)), Map.of(), log::add);

        assertThat(passed.registered()).isEqualTo("median-curve");
        assertThat(passed.artifactKey()).isEqualTo("pipeline/artifacts/median.bin");
        assertThat(log).singleElement().asString().contains("does not beat the best baseline (55.00)")
                .contains("no approved model").contains("the median-curve baseline goes through")
                .contains("WAPE 55.50 vs 57.00");
    }

    @Test
    void withNoModelToServeACandidateAheadOfTheStoredBaselinesGoesThroughDespiteItsCoverage() {
        TrainingSteps.GatePassed passed = steps(FIRST_RUN).new Gate().execute(
                StepInputs.of("gate", evaluated(54.0, 55.0, "blend", false, 55.0, 55.5)), Map.of(), log::add);

        assertThat(passed.registered()).isEqualTo("blend");
        assertThat(passed.artifactKey()).isNull();
        assertThat(log).singleElement().asString().contains("coverage 55.0% is outside 60-95%").contains("blend goes through");
    }

    @Test
    void withNoModelToServeTheGateStillKeepsItsWapeLimit() {
        assertThatThrownBy(() -> steps(FIRST_RUN).new Gate().execute(
                StepInputs.of("gate", evaluated(64.0, 80.0, "blend", false, 58.0, 61.0)), Map.of(), log::add))
                .isInstanceOf(StepFailedException.class).hasMessageContaining("above the gate's 60.00");
    }

    @Test
    void theGateRemembersWhetherTheGroupHadAModelToServe() {
        assertThat(steps(FIRST_RUN).new Gate().fingerprint(Map.of())).endsWith("champion=none");
        assertThat(steps.new Gate().fingerprint(VISUELLE)).endsWith("champion=1");
        assertThat(steps.new Gate().fingerprint(Map.of("dataset", "another"))).endsWith("champion=none");
    }

    @Test
    void aModelTrainedOnAnotherDatasetLeavesThisOneWithNothingToServe() {
        TrainingSteps.GatePassed passed = steps.new Gate().execute(
                StepInputs.of("gate", evaluated(57.0, 80.0, "blend", false, 55.0, 55.5)),
                Map.of("dataset", "another"), log::add);

        assertThat(passed.registered()).isEqualTo("median-curve");
        assertThat(log).singleElement().asString().contains("no approved model to serve on another");
    }
}

package io.launchcast.forecast.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.launchcast.forecast.pipeline.StepFailedException;
import io.launchcast.forecast.pipeline.StepInputs;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class TrainingStepsTest {

    private final List<String> log = new ArrayList<>();
    private final TrainingSteps steps = new TrainingSteps(null, null, null,
            new TrainingProperties(Path.of("training.yml"), "sample", 60.0, 60, 95, 10000, 10000), null, "launches",
            JsonMapper.builder().build());

    private static List<String> fields(Class<? extends Record> output) {
        return Arrays.stream(output.getRecordComponents()).map(RecordComponent::getName).sorted().toList();
    }

    /** The names a run shows (and stored runs and the step cache hold) are the ones earlier versions wrote. */
    @Test
    void stepOutputsKeepTheFieldNamesOfTheRunsJson() {
        assertThat(fields(TrainingSteps.Prepared.class)).containsExactlyInAnyOrder("dataset", "version",
                "manifestKey", "manifestSha256", "featureDefinitionsVersion", "featureDefinitionsHash",
                "fitLaunches", "testLaunches", "trainingSetId", "trainingSetKey", "trainingSetDefinitionsHash",
                "trainingSetManifestKey", "trainingSetSha256");
        assertThat(fields(TrainingSteps.Trained.class)).containsExactlyInAnyOrder("artifactKey", "artifactSha256",
                "seed", "hyperparameters", "trainSeconds");
        assertThat(fields(TrainingSteps.Evaluated.class)).containsExactlyInAnyOrder("wape", "mae", "bias",
                "meanWql", "coverage", "candidate", "candidateIsBaseline", "bestBaselineWape", "reportKey");
        assertThat(fields(TrainingSteps.GatePassed.class)).containsExactly("passed");
        assertThat(fields(TrainingSteps.Registered.class)).containsExactlyInAnyOrder("group", "modelVersion");
        assertThat(fields(TrainingSteps.MonitoringBaseline.class)).containsExactlyInAnyOrder("statistics",
                "constraints", "forecastStatistics");
    }

    @Test
    void theGateReadsTheEvaluationAndLetsAModelAheadOfTheBaselinesThrough() {
        TrainingSteps.Evaluated evaluated = new TrainingSteps.Evaluated(55.0, 3.0, -4.0, 0.4, 80.0, "blend", false,
                58.0, "report");

        TrainingSteps.GatePassed passed = steps.new Gate().execute(StepInputs.of("gate", evaluated), Map.of(),
                log::add);

        assertThat(passed.passed()).isTrue();
        assertThat(log).singleElement().asString().contains("blend").contains("WAPE 55.00");
    }

    @Test
    void aBaselineChosenOnValidationPassesEvenBehindAnotherBaselineOnTheTestLaunches() {
        TrainingSteps.Evaluated evaluated = new TrainingSteps.Evaluated(60.0, 3.0, -4.0, 0.4, 80.0, "median-curve",
                true, 58.0, "report");

        TrainingSteps.GatePassed passed = steps.new Gate().execute(StepInputs.of("gate", evaluated), Map.of(),
                log::add);

        assertThat(passed.passed()).isTrue();
        assertThat(log).singleElement().asString().contains("the median-curve baseline");
    }

    @Test
    void theGateStopsAModelBehindABaselineOrAboveTheLimitWithBothReasons() {
        TrainingSteps.Evaluated evaluated = new TrainingSteps.Evaluated(62.0, 3.0, -4.0, 0.4, 80.0, "blend", false,
                58.0, "report");

        assertThatThrownBy(() -> steps.new Gate().execute(StepInputs.of("gate", evaluated), Map.of(), log::add))
                .isInstanceOf(StepFailedException.class).hasMessageContaining("above the gate's 60.00")
                .hasMessageContaining("does not beat the best baseline (58.00)");
    }
}

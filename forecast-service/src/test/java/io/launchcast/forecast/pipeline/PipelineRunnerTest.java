package io.launchcast.forecast.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.launchcast.platform.objectstore.aws.S3ObjectStore;
import io.launchcast.platform.testing.LocalObjectStores;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class PipelineRunnerTest {

    static S3ObjectStore store;

    @BeforeAll
    static void connect() {
        store = LocalObjectStores.onLocalCloud();
    }

    private static PipelineRunner runner(String codeVersion) {
        return new PipelineRunner(store, JsonMapper.builder().build(), codeVersion, 3, Duration.ofMillis(10),
                Runnable::run, Clock.systemUTC());
    }

    /** A step that counts its executions and computes its output from upstream and one parameter. */
    static final class CountingStep implements PipelineStep<CountingStep.Value> {

        /** What the step computed, and from what. */
        record Value(String value, int execution) {
        }

        final String name;
        final List<String> dependsOn;
        final String parameter;
        final AtomicInteger executions = new AtomicInteger();
        Function<Integer, Exception> failure = attempt -> null;

        CountingStep(String name, String parameter, String... dependsOn) {
            this.name = name;
            this.parameter = parameter;
            this.dependsOn = List.of(dependsOn);
        }

        public String name() {
            return name;
        }

        public List<String> dependsOn() {
            return dependsOn;
        }

        public Class<Value> outputType() {
            return Value.class;
        }

        public String fingerprint(Map<String, String> parameters) {
            return parameter == null ? "" : parameter + "=" + parameters.get(parameter);
        }

        public Value execute(StepInputs upstream, Map<String, String> parameters, StepLog log) throws Exception {
            int execution = executions.incrementAndGet();
            Exception e = failure.apply(execution);
            if (e != null) {
                throw e;
            }
            log.info("working");
            return new Value(name + "(" + (parameter == null ? "" : parameters.get(parameter)) + ")<-"
                    + (dependsOn.isEmpty() ? "" : upstream.get(Value.class).value()), execution);
        }
    }

    private static String freshName() {
        return "p-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void secondRunWithUnchangedInputsReusesEveryStep() {
        CountingStep prepare = new CountingStep("prepare", "dataset");
        CountingStep train = new CountingStep("train", "rounds", "prepare");
        CountingStep evaluate = new CountingStep("evaluate", null, "train");
        PipelineDefinition definition = new PipelineDefinition(freshName(), List.of(prepare, train, evaluate));
        Map<String, String> parameters = Map.of("dataset", "v1", "rounds", "100");

        PipelineRun first = runner("1.0").run(definition, parameters);
        PipelineRun second = runner("1.0").run(definition, parameters);

        assertThat(first.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(first.steps()).extracting(PipelineRun.StepRun::state).containsOnly(StepState.SUCCEEDED);
        assertThat(second.steps()).extracting(PipelineRun.StepRun::state).containsOnly(StepState.CACHED);
        assertThat(second.steps().get(2).output()).isEqualTo(first.steps().get(2).output());
        assertThat(List.of(prepare.executions.get(), train.executions.get(), evaluate.executions.get()))
                .containsExactly(1, 1, 1);
        assertThat(second.percentDone()).isEqualTo(100);
    }

    @Test
    void aParameterThePipelineDoesNotReadOrAnEmptyOneIsRefusedBeforeARunIsRecorded() {
        CountingStep prepare = new CountingStep("prepare", "dataset");
        PipelineDefinition definition = new PipelineDefinition(freshName(), List.of(prepare), Set.of("dataset"));
        PipelineRunner runner = runner("1.0");
        int before = runner.runs().size();

        assertThatThrownBy(() -> runner.start(definition, Map.of("datset", "v1")))
                .isInstanceOf(InvalidRunParametersException.class)
                .hasMessageContaining("takes no parameter datset: it takes dataset and trigger");
        assertThatThrownBy(() -> runner.run(definition, Map.of("dataset", " ")))
                .isInstanceOf(InvalidRunParametersException.class).hasMessageContaining("dataset is empty");
        assertThat(runner.runs()).hasSize(before);
        assertThat(prepare.executions.get()).isZero();
        // the retraining trigger's reason is kept with any pipeline's run
        assertThat(runner.run(definition, Map.of("dataset", "v1", "trigger", "forecast drift")).parameters())
                .containsEntry("trigger", "forecast drift");
    }

    @Test
    void changedHyperparameterRerunsTrainAndWhatFollowsButNothingBefore() {
        CountingStep prepare = new CountingStep("prepare", "dataset");
        CountingStep train = new CountingStep("train", "rounds", "prepare");
        CountingStep evaluate = new CountingStep("evaluate", null, "train");
        PipelineDefinition definition = new PipelineDefinition(freshName(), List.of(prepare, train, evaluate));
        runner("1.0").run(definition, Map.of("dataset", "v1", "rounds", "100"));

        PipelineRun changed = runner("1.0").run(definition, Map.of("dataset", "v1", "rounds", "200"));

        assertThat(changed.steps()).extracting(PipelineRun.StepRun::state)
                .containsExactly(StepState.CACHED, StepState.SUCCEEDED, StepState.SUCCEEDED);
        assertThat(prepare.executions.get()).isEqualTo(1);
    }

    @Test
    void newCodeVersionInvalidatesTheCache() {
        CountingStep prepare = new CountingStep("prepare", "dataset");
        PipelineDefinition definition = new PipelineDefinition(freshName(), List.of(prepare));
        runner("1.0").run(definition, Map.of("dataset", "v1"));

        PipelineRun rebuilt = runner("1.1").run(definition, Map.of("dataset", "v1"));

        assertThat(rebuilt.steps().get(0).state()).isEqualTo(StepState.SUCCEEDED);
        assertThat(prepare.executions.get()).isEqualTo(2);
    }

    @Test
    void failedGateStopsTheRunWithItsReportAndSkipsTheRest() {
        CountingStep train = new CountingStep("train", null);
        CountingStep gate = new CountingStep("gate", null, "train");
        gate.failure = attempt -> new StepFailedException("WAPE 63.1 is above the threshold 60.0");
        CountingStep register = new CountingStep("register", null, "gate");
        PipelineDefinition definition = new PipelineDefinition(freshName(), List.of(train, gate, register));

        PipelineRun run = runner("1.0").run(definition, Map.of());

        assertThat(run.state()).isEqualTo(RunState.FAILED);
        assertThat(run.failure()).isEqualTo("gate: WAPE 63.1 is above the threshold 60.0");
        assertThat(run.steps()).extracting(PipelineRun.StepRun::state).containsExactly(StepState.SUCCEEDED, StepState.FAILED,
                StepState.SKIPPED);
        assertThat(gate.executions.get()).as("a gate decision is not retried").isEqualTo(1);
        assertThat(register.executions.get()).isZero();
    }

    @Test
    void transientFailureIsRetriedAndTheAttemptsAreRecorded() {
        CountingStep flaky = new CountingStep("flaky", null);
        flaky.failure = attempt -> attempt == 1 ? new java.io.IOException("connection reset") : null;
        PipelineDefinition definition = new PipelineDefinition(freshName(), List.of(flaky));

        PipelineRun run = runner("1.0").run(definition, Map.of());

        assertThat(run.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(run.steps().get(0).attempts()).isEqualTo(2);
        assertThat(run.steps().get(0).log()).anyMatch(line -> line.contains("connection reset"));
    }

    @Test
    void runsAreStoredAndInterruptedOnesAreMarkedFailed() {
        CountingStep hangs = new CountingStep("hangs", null);
        PipelineDefinition definition = new PipelineDefinition(freshName(), List.of(hangs));
        Map<String, Runnable> neverRun = new HashMap<>();
        PipelineRunner crashed = new PipelineRunner(store, JsonMapper.builder().build(), "1.0", 3, Duration.ZERO,
                task -> neverRun.put("task", task), Clock.systemUTC());
        PipelineRun started = crashed.start(definition, Map.of());

        int failed = runner("1.0").failInterruptedRuns();

        assertThat(failed).isGreaterThanOrEqualTo(1);
        PipelineRun after = runner("1.0").find(started.id()).orElseThrow();
        assertThat(after.state()).isEqualTo(RunState.FAILED);
        assertThat(after.failure()).contains("interrupted");
    }

    @Test
    void rejectsADefinitionWhoseStepDependsOnALaterOne() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PipelineDefinition("bad",
                        List.of(new CountingStep("train", null, "prepare"), new CountingStep("prepare", null))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not come before it");
    }

    /** Reads an output no step it depends on produces. */
    record Unrelated(String value) {
    }

    @Test
    void aStepReadingAnOutputItDoesNotDependOnFailsWithWhatItHas() {
        CountingStep prepare = new CountingStep("prepare", null);
        PipelineStep<Unrelated> confused = new PipelineStep<>() {
            public String name() {
                return "confused";
            }

            public List<String> dependsOn() {
                return List.of("prepare");
            }

            public Class<Unrelated> outputType() {
                return Unrelated.class;
            }

            public String fingerprint(Map<String, String> parameters) {
                return "";
            }

            public Unrelated execute(StepInputs upstream, Map<String, String> parameters, StepLog log) {
                return upstream.get(Unrelated.class);
            }
        };
        PipelineDefinition definition = new PipelineDefinition(freshName(), List.of(prepare, confused));

        PipelineRun run = runner("1.0").run(definition, Map.of());

        assertThat(run.state()).isEqualTo(RunState.FAILED);
        assertThat(run.failure()).contains("confused").contains("reads Unrelated").contains("[Value]");
    }

    @Test
    void aStepAfterACachedOneReadsItsOutputAsTheRecordItWrote() {
        CountingStep prepare = new CountingStep("prepare", "dataset");
        CountingStep train = new CountingStep("train", "rounds", "prepare");
        PipelineDefinition definition = new PipelineDefinition(freshName(), List.of(prepare, train));
        PipelineRun first = runner("1.0").run(definition, Map.of("dataset", "v1", "rounds", "100"));

        PipelineRun second = runner("1.0").run(definition, Map.of("dataset", "v1", "rounds", "200"));

        assertThat(second.steps().get(0).state()).isEqualTo(StepState.CACHED);
        assertThat(first.steps().get(0).output()).containsExactly(Map.entry("execution", "1"),
                Map.entry("value", "prepare(v1)<-"));
        assertThat(second.steps().get(1).output()).containsEntry("value", "train(200)<-prepare(v1)<-");
    }

    /** A step without inputs that answers the same output each time it runs, and counts its runs. */
    static final class OutputStep<O extends Record> implements PipelineStep<O> {

        final String name;
        final Class<O> type;
        final O output;
        final AtomicInteger executions = new AtomicInteger();

        OutputStep(String name, Class<O> type, O output) {
            this.name = name;
            this.type = type;
            this.output = output;
        }

        public String name() {
            return name;
        }

        public List<String> dependsOn() {
            return List.of();
        }

        public Class<O> outputType() {
            return type;
        }

        public String fingerprint(Map<String, String> parameters) {
            return "";
        }

        public O execute(StepInputs upstream, Map<String, String> parameters, StepLog log) {
            executions.incrementAndGet();
            return output;
        }
    }

    /** The output of a newer version of a step: a field more. */
    record Wider(String value, double score) {
    }

    /** An output that cannot be recorded as text (a list is not a value): a defect of its step. */
    record Listed(List<String> values) {
    }

    @Test
    void aCachedOutputThatNoLongerReadsAsTheStepsRecordIsComputedAgain() {
        String pipeline = freshName();
        runner("1.0").run(new PipelineDefinition(pipeline, List.of(new CountingStep("train", null))), Map.of());
        OutputStep<Wider> wider = new OutputStep<>("train", Wider.class, new Wider("train", 0.5));

        PipelineRun run = runner("1.0").run(new PipelineDefinition(pipeline, List.of(wider)), Map.of());

        assertThat(run.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(run.steps().get(0).state()).isEqualTo(StepState.SUCCEEDED);
        assertThat(run.steps().get(0).log()).anyMatch(line -> line.contains("cached output")
                && line.contains("score"));
        assertThat(wider.executions.get()).isEqualTo(1);
        assertThat(runner("1.0").run(new PipelineDefinition(pipeline, List.of(wider)), Map.of()).steps().get(0)
                .state()).as("the new output replaced the unreadable one").isEqualTo(StepState.CACHED);
    }

    @Test
    void aRunnerDefectEndsTheRunFailedInsteadOfLeavingItRunning() {
        PipelineRunner runner = runner("1.0");
        OutputStep<Listed> listing = new OutputStep<>("listing", Listed.class, new Listed(List.of("a", "b")));
        PipelineRun started = runner.start(new PipelineDefinition(freshName(), List.of(listing)), Map.of());

        PipelineRun after = runner.find(started.id()).orElseThrow();
        assertThat(after.state()).isEqualTo(RunState.FAILED);
        assertThat(after.failure()).contains("listing").contains("values");
        assertThat(after.steps().get(0).state()).isEqualTo(StepState.FAILED);
    }

    @Test
    void aStoredRunShowsStatesByNameAndOutputsAsText() {
        CountingStep prepare = new CountingStep("prepare", "dataset");
        PipelineRun run = runner("1.0").run(new PipelineDefinition(freshName(), List.of(prepare)),
                Map.of("dataset", "v1"));

        var stored = JsonMapper.builder().build().readTree(store.read(PipelineRunner.RUNS + run.id() + ".json"));

        assertThat(stored.path("state").asString()).isEqualTo("SUCCEEDED");
        assertThat(stored.path("steps").path(0).path("state").asString()).isEqualTo("SUCCEEDED");
        assertThat(stored.path("steps").path(0).path("output").path("execution").isString()).isTrue();
        assertThat(stored.path("steps").path(0).path("output").path("value").asString()).isEqualTo("prepare(v1)<-");
    }
}

package io.launchcast.forecast.pipeline.aws;

import io.launchcast.forecast.pipeline.PipelineDefinition;
import io.launchcast.forecast.pipeline.PipelineExecutions;
import io.launchcast.forecast.pipeline.PipelineRun;
import io.launchcast.forecast.pipeline.RunState;
import io.launchcast.forecast.pipeline.StepState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribePipelineExecutionResponse;
import software.amazon.awssdk.services.sagemaker.model.PipelineExecutionStep;
import software.amazon.awssdk.services.sagemaker.model.PipelineExecutionSummary;
import software.amazon.awssdk.services.sagemaker.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sagemaker.model.SortOrder;

/**
 * aws mode: runs start on SageMaker Pipelines and are followed there. A run's id is its execution's id (the last
 * segment of the execution ARN, safe in a URL); its state and steps are SageMaker's, mapped to the states the
 * local runner reports, so clients read one shape in both modes.
 */
public class SageMakerPipelineExecutions implements PipelineExecutions {

    private static final String EXECUTION = "/execution/";
    /** Steps one run executes: Prepare, Train, Evaluate, QualityGate, then Register or GateFailed. */
    private static final int STEPS = 5;

    private final SageMakerClient sageMaker;
    private final SageMakerPipelineLauncher launcher;
    private final String pipelineName;

    public SageMakerPipelineExecutions(SageMakerClient sageMaker, SageMakerPipelineLauncher launcher,
            String pipelineName) {
        this.sageMaker = sageMaker;
        this.launcher = launcher;
        this.pipelineName = pipelineName;
    }

    @Override
    public PipelineRun start(PipelineDefinition definition, Map<String, String> parameters) {
        String arn = launcher.launch(parameters);
        return describe(arn).orElseThrow(() -> new IllegalStateException("SageMaker started " + arn
                + " but does not describe it"));
    }

    @Override
    public List<PipelineRun> runs() {
        List<PipelineRun> runs = new ArrayList<>();
        for (PipelineExecutionSummary s : sageMaker.listPipelineExecutionsPaginator(b -> b.pipelineName(pipelineName)
                .sortOrder(SortOrder.DESCENDING)).pipelineExecutionSummaries()) {
            RunState state = state(s.pipelineExecutionStatusAsString());
            runs.add(new PipelineRun(id(s.pipelineExecutionArn()), pipelineName, state, s.startTime(), null,
                    state == RunState.RUNNING ? 0 : 100, Map.of(), List.of(), s.pipelineExecutionFailureReason()));
        }
        return runs;
    }

    @Override
    public Optional<PipelineRun> find(String id) {
        if (!id.matches("[A-Za-z0-9-]{1,256}")) {
            return Optional.empty();
        }
        for (PipelineExecutionSummary s : sageMaker.listPipelineExecutionsPaginator(b -> b.pipelineName(pipelineName)
                .sortOrder(SortOrder.DESCENDING)).pipelineExecutionSummaries()) {
            if (s.pipelineExecutionArn().endsWith(EXECUTION + id)) {
                return describe(s.pipelineExecutionArn());
            }
        }
        return Optional.empty();
    }

    private Optional<PipelineRun> describe(String arn) {
        DescribePipelineExecutionResponse execution;
        try {
            execution = sageMaker.describePipelineExecution(b -> b.pipelineExecutionArn(arn));
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
        List<PipelineRun.StepRun> steps = new ArrayList<>();
        int finished = 0;
        for (PipelineExecutionStep step : sageMaker.listPipelineExecutionStepsPaginator(b -> b.pipelineExecutionArn(arn)
                .sortOrder(SortOrder.ASCENDING)).pipelineExecutionSteps()) {
            StepState state = step.cacheHitResult() != null && step.cacheHitResult().sourcePipelineExecutionArn() != null
                    ? StepState.CACHED : StepState.valueOf(state(step.stepStatusAsString()).name());
            finished += state == StepState.RUNNING ? 0 : 1;
            Long millis = step.startTime() != null && step.endTime() != null
                    ? Duration.between(step.startTime(), step.endTime()).toMillis() : null;
            steps.add(new PipelineRun.StepRun(step.stepName(), state, null, step.startTime(), step.endTime(), millis,
                    step.attemptCount() == null ? 1 : step.attemptCount(), Map.of(),
                    step.failureReason() == null ? List.of() : List.of(step.failureReason())));
        }
        RunState state = state(execution.pipelineExecutionStatusAsString());
        int percent = state == RunState.RUNNING ? Math.min(99, 100 * finished / STEPS) : 100;
        return Optional.of(new PipelineRun(id(arn), pipelineName, state, execution.creationTime(),
                state == RunState.RUNNING ? null : execution.lastModifiedTime(), percent, Map.of(), steps,
                execution.failureReason()));
    }

    private static String id(String arn) {
        int at = arn.lastIndexOf(EXECUTION);
        return at < 0 ? arn : arn.substring(at + EXECUTION.length());
    }

    /**
     * SageMaker's execution or step status (Starting, Executing, Stopping, Stopped, Failed, Succeeded) as the
     * local runner's RUNNING, FAILED or SUCCEEDED.
     */
    static RunState state(String status) {
        return switch (status == null ? "" : status.toLowerCase(Locale.ROOT)) {
            case "succeeded" -> RunState.SUCCEEDED;
            case "failed", "stopped" -> RunState.FAILED;
            default -> RunState.RUNNING;
        };
    }
}

package io.launchcast.forecast.pipeline;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where pipeline runs execute and are followed: in this service ({@link PipelineRunner}, local mode) or on
 * SageMaker Pipelines (aws mode). The API and the retraining trigger start runs through this port only.
 */
public interface PipelineExecutions {

    /** Starts a run of {@code definition} with parameter overrides; the returned run is still running. */
    PipelineRun start(PipelineDefinition definition, Map<String, String> parameters);

    /** All runs, newest first. */
    List<PipelineRun> runs();

    Optional<PipelineRun> find(String id);
}

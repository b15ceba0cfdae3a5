package io.launchcast.forecast.pipeline;

/** Where one step of a run stands; written by name in the run's JSON. */
public enum StepState {
    PENDING,
    RUNNING,
    /** its inputs were seen before: the cached output was reused */
    CACHED,
    SUCCEEDED,
    FAILED,
    /** an earlier step failed */
    SKIPPED
}

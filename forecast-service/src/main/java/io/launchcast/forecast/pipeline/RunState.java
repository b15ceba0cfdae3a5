package io.launchcast.forecast.pipeline;

/** Where a pipeline run stands; written by name in the run's JSON. */
public enum RunState {
    RUNNING, SUCCEEDED, FAILED
}

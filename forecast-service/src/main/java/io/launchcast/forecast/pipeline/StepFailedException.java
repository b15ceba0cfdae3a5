package io.launchcast.forecast.pipeline;

/** A step concluded that the run must stop, with a report saying why (not a crash: never retried). */
public class StepFailedException extends RuntimeException {

    public StepFailedException(String report) {
        super(report);
    }
}

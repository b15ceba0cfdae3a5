package io.launchcast.forecast.batch;

import java.util.function.UnaryOperator;

/**
 * Computes a batch job's forecasts outside this process (aws mode: SageMaker Batch Transform running this
 * service's container). The job record, its id and its REST resource stay the same; only the work moves.
 */
public interface RemoteBatchForecasts {

    /**
     * Runs the job or, when a previous process already started it, follows it to its end. Every state change
     * goes through {@code save}, which records it and returns the recorded job.
     */
    BatchForecastJob run(BatchForecastJob job, UnaryOperator<BatchForecastJob> save);
}

package io.launchcast.forecast.batch;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Locale;

/**
 * The meters of batch forecasts (the infra app's dashboard graphs them by these names). For a job computed in
 * this process, lines read = forecast + failed + skipped (parts an earlier attempt already wrote), so the counts
 * reconcile; a SageMaker transform job reports no line counts, only its duration.
 */
final class BatchMeters {

    /** How a job ended, the {@code outcome} tag of the job timer. */
    enum Outcome { SUCCEEDED, FAILED }

    private final MeterRegistry meters;
    private final Counter read;
    private final Counter forecast;
    private final Counter failed;
    private final Counter skipped;

    BatchMeters(MeterRegistry meters) {
        this.meters = meters;
        this.read = meters.counter("launchcast.batch.lines.read");
        this.forecast = meters.counter("launchcast.batch.lines.forecast");
        this.failed = meters.counter("launchcast.batch.lines.failed");
        this.skipped = meters.counter("launchcast.batch.lines.skipped");
    }

    void read(long lines) {
        read.increment(lines);
    }

    /** A part written: its lines with a forecast and its error lines. */
    void written(long forecastLines, long failedLines) {
        forecast.increment(forecastLines);
        failed.increment(failedLines);
    }

    /** A part an earlier attempt of the job wrote, left as it is. */
    void skipped(long lines) {
        skipped.increment(lines);
    }

    /** A job's run ended: its duration, tagged by outcome and by where it ran ({@code in-process} or {@code sagemaker}). */
    void finished(Outcome outcome, String backend, Duration duration) {
        String tag = outcome.name().toLowerCase(Locale.ROOT);
        meters.timer("launchcast.batch.jobs", "outcome", tag, "backend", backend).record(duration);
    }
}

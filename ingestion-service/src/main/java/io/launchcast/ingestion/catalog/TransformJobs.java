package io.launchcast.ingestion.catalog;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs the transformation definition ({@code transform.sql}) as a batch job over staged Parquet and follows
 * it to its end: in-process with DuckDB locally, as a Glue (Spark SQL) job in aws mode.
 */
public interface TransformJobs {

    /**
     * The job that transforms the runs of a mapping, when they are delegated to this engine; empty when the
     * service transforms them in-process (the default).
     */
    Optional<String> jobFor(String mapping);

    /**
     * Starts the job and waits until it ends, telling {@code progress} the job's state each time it is asked.
     *
     * @return how it ended; a job that failed or timed out is an outcome, not an exception
     * @throws CatalogException if the job could not be started or followed at all
     */
    Outcome run(Request request, Consumer<Status> progress);

    /** {@link #run(Request, Consumer)} without progress. */
    default Outcome run(Request request) {
        return run(request, status -> { });
    }

    /**
     * What the job needs; every field but {@code job} travels as a job argument.
     *
     * @param job the job to run (the Glue job's name); engines with a single job ignore it
     * @param mapping the mapping as JSON (name, version, SHA-256, period, attributes), so the job needs no other input
     * @param stagingUri where {@code products/}, {@code sales/}, {@code signals/} staging Parquet lie
     * @param outputUri where the curated tables are to be written, one folder per table
     * @param definition the SQL text of {@code transform.sql}
     */
    record Request(String job, String runId, String mapping, String stagingUri, String outputUri, String definition) {
    }

    /** A job that has not ended yet, as last seen. */
    record Status(String job, String jobRunId, String state, Duration elapsed) {
    }

    /** @param state the engine's final state, e.g. SUCCEEDED, FAILED, TIMEOUT */
    record Outcome(String jobRunId, boolean succeeded, String state, String message, Duration took) {
    }
}

package io.launchcast.ingestion.catalog.aws;

import io.launchcast.ingestion.catalog.CatalogException;
import io.launchcast.ingestion.catalog.CatalogProperties;
import io.launchcast.ingestion.catalog.TransformJobs;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.JobRun;
import software.amazon.awssdk.services.glue.model.JobRunState;

/**
 * Runs the transformation on a Glue job: StartJobRun with the run's arguments, then GetJobRun every poll
 * interval until the run ends or the timeout passes. The job script (docs/adr/0006) reads the arguments,
 * registers the staging Parquet as the views {@code <table>_stage} and runs each SELECT of the definition
 * with {@code spark.sql}.
 */
public class GlueTransformJobs implements TransformJobs {

    private static final Set<JobRunState> FINAL = Set.of(JobRunState.SUCCEEDED, JobRunState.FAILED, JobRunState.STOPPED,
            JobRunState.TIMEOUT, JobRunState.ERROR, JobRunState.EXPIRED);

    private final GlueClient glue;
    private final CatalogProperties.Job jobs;

    public GlueTransformJobs(GlueClient glue, CatalogProperties.Job jobs) {
        this.glue = glue;
        this.jobs = jobs;
    }

    @Override
    public Optional<String> jobFor(String mapping) {
        return jobs.nameFor(mapping);
    }

    /** The job arguments of a request; Glue passes them to the script as {@code --name value}. */
    static Map<String, String> arguments(Request request) {
        return Map.of("--launchcast-run-id", request.runId(), "--mapping", request.mapping(),
                "--staging-uri", request.stagingUri(), "--output-uri", request.outputUri(),
                "--transform-sql", request.definition());
    }

    @Override
    public Outcome run(Request request, Consumer<Status> progress) {
        long start = System.nanoTime();
        String jobName = request.job();
        Duration timeout = jobs.timeout();
        try {
            String runId = glue.startJobRun(b -> b.jobName(jobName).arguments(arguments(request))
                    .timeout((int) Math.max(1, timeout.toMinutes()))).jobRunId();
            while (true) {
                JobRun run = glue.getJobRun(b -> b.jobName(jobName).runId(runId).predecessorsIncluded(false)).jobRun();
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                if (FINAL.contains(run.jobRunState())) {
                    return new Outcome(runId, run.jobRunState() == JobRunState.SUCCEEDED, run.jobRunStateAsString(),
                            run.errorMessage(), took);
                }
                if (took.compareTo(timeout) > 0) {
                    glue.batchStopJobRun(b -> b.jobName(jobName).jobRunIds(runId));
                    return new Outcome(runId, false, "TIMEOUT", "no result within " + timeout, took);
                }
                progress.accept(new Status(jobName, runId, run.jobRunStateAsString(), took));
                Thread.sleep(jobs.pollInterval().toMillis());
            }
        } catch (SdkException e) {
            throw new CatalogException("Glue job " + jobName + " could not be run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CatalogException("interrupted while following Glue job " + jobName, e);
        }
    }
}

package io.launchcast.ingestion.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What every {@link TransformJobs} adapter promises; implemented by each adapter's test. */
public interface TransformJobsContract {

    TransformJobs jobs();

    /** A request the adapter's engine will run to success (the test arranges its engine accordingly). */
    TransformJobs.Request succeedingRequest() throws Exception;

    /** A request the adapter's engine will fail. */
    TransformJobs.Request failingRequest() throws Exception;

    @Test
    default void reportsASucceededJobWithItsRunId() throws Exception {
        TransformJobs.Outcome outcome = jobs().run(succeedingRequest());

        assertThat(outcome.succeeded()).as(outcome.message()).isTrue();
        assertThat(outcome.state()).isEqualTo("SUCCEEDED");
        assertThat(outcome.jobRunId()).isNotBlank();
        assertThat(outcome.took()).isGreaterThanOrEqualTo(java.time.Duration.ZERO);
    }

    @Test
    default void reportsAFailedJobAsAnOutcomeWithItsMessage() throws Exception {
        TransformJobs.Outcome outcome = jobs().run(failingRequest());

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.state()).isEqualTo("FAILED");
        assertThat(outcome.message()).isNotBlank();
    }
}

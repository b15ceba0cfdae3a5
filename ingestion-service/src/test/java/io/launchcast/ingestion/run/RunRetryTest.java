package io.launchcast.ingestion.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs a restart cut off are resumed once from their input; failed runs can be retried on request. */
class RunRetryTest {

    static final List<String> INPUTS = List.of("s3://test-bucket/landing/shop/products.csv",
            "s3://test-bucket/landing/shop/sales.csv");

    @TempDir
    Path temp;

    Ingestion ingestion;
    RunRecovery recovery;

    @BeforeEach
    void setUp() {
        ingestion = new Ingestion(temp, Map.of(), Ingestion.mapping(DirtyInputIngestionTest.MAPPING));
        recovery = new RunRecovery(ingestion.runs, ingestion.datasets, ingestion.events, Clock.systemUTC());
        ingestion.store.putText("landing/shop/products.csv", DirtyInputIngestionTest.PRODUCTS);
        ingestion.store.putText("landing/shop/sales.csv", DirtyInputIngestionTest.SALES);
    }

    @AfterEach
    void close() {
        ingestion.close();
    }

    @Test
    void resumesARunCutOffWhileReadingFromItsInputAndPublishesOnce() throws Exception {
        ingestion.runs.save(running("r1", "request"));

        List<IngestionRun> resumed = ingestion.service.resume(recovery.recover());

        IngestionRun next = finished(resumed.get(0).id());
        assertThat(resumed).hasSize(1);
        assertThat(next.trigger()).isEqualTo("resume:r1");
        assertThat(next.state()).as(next.error()).isEqualTo(RunState.SUCCEEDED);
        assertThat(next.rows().read()).isEqualTo(next.rows().accepted() + next.rows().rejected() + next.rows().duplicates())
                .isPositive();
        IngestionRun old = ingestion.runs.find("r1").orElseThrow();
        assertThat(old.state()).isEqualTo(RunState.FAILED);
        assertThat(old.error()).contains("interrupted", "Resumed automatically as run " + next.id());
        assertThat(ingestion.datasets.versions("shop")).containsExactly(next.datasetVersion());
        assertThat(ingestion.events.published).hasSize(1);
    }

    @Test
    void doesNotResumeARunThatWasItselfAResumption() {
        ingestion.runs.save(running("r2", "resume:r1"));

        List<IngestionRun> resumed = ingestion.service.resume(recovery.recover());

        assertThat(resumed).isEmpty();
        IngestionRun old = ingestion.runs.find("r2").orElseThrow();
        assertThat(old.state()).isEqualTo(RunState.FAILED);
        assertThat(old.error()).contains("not resumed again", "POST /ingestions/r2/retry");
        assertThat(ingestion.runs.all()).hasSize(1);
    }

    @Test
    void saysWhyARunWhoseInputIsGoneCannotBeResumed() {
        ingestion.store.delete("landing/shop/sales.csv");
        ingestion.runs.save(running("r3", "request"));

        assertThat(ingestion.service.resume(recovery.recover())).isEmpty();

        assertThat(ingestion.runs.find("r3").orElseThrow().error())
                .contains("could not be resumed", "sales.csv is no longer stored", "/ingestions/r3/retry");
    }

    @Test
    void retriesAFailedRunOverTheSameInputs() throws Exception {
        ingestion.runs.save(IngestionRun.queued("r4", "shop", 2, "shop", "request", INPUTS, 100, Instant.now())
                .started(Instant.now()).failed("catalog was down", Instant.now()));

        IngestionRun retry = ingestion.service.retry("r4");

        assertThat(retry.trigger()).isEqualTo("retry:r4");
        assertThat(retry.inputs()).containsExactlyElementsOf(INPUTS);
        assertThat(finished(retry.id()).state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(ingestion.runs.find("r4").orElseThrow().error()).isEqualTo("catalog was down");
    }

    @Test
    void refusesToRetryARunThatHasNotFailed() {
        IngestionRun done = ingestion.run("shop", "s3://test-bucket/landing/shop/");

        assertThatThrownBy(() -> ingestion.service.retry(done.id())).isInstanceOf(RunNotRetryableException.class)
                .hasMessageContaining("SUCCEEDED");
        assertThatThrownBy(() -> ingestion.service.retry("nope")).isInstanceOf(UnknownRunException.class);
    }

    private static IngestionRun running(String id, String trigger) {
        return IngestionRun.queued(id, "shop", 2, "shop", trigger, INPUTS, 100, Instant.now()).started(Instant.now());
    }

    private IngestionRun finished(String id) throws InterruptedException {
        return IngestionFlowIT.await(() -> ingestion.runs.find(id).filter(r -> r.state().isFinal()).orElse(null));
    }
}

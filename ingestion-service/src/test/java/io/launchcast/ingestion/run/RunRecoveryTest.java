package io.launchcast.ingestion.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.launchcast.ingestion.curated.Manifest;
import io.launchcast.platform.events.DatasetPublished;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a restart finds after a crash at each stage of a run; runs it cut off are resumed once from their input,
 * and failed runs can be retried on request.
 */
class RunRecoveryTest extends IngestionTest {

    static final List<String> INPUTS = List.of("s3://test-bucket/landing/shop/products.csv",
            "s3://test-bucket/landing/shop/sales.csv");

    RunRecovery recovery;

    @BeforeEach
    void setUp() {
        ingestion = new Ingestion(temp, Map.of(), Ingestion.mapping(DirtyInputIngestionTest.MAPPING));
        recovery = new RunRecovery(ingestion.store, ingestion.runs, ingestion.datasets, ingestion.events,
                Clock.systemUTC(), temp);
    }

    @Test
    void reportsARunCutOffWhileReadingAsFailed() {
        IngestionRun running = IngestionRun.queued("r1", "shop", 2, "shop", "request", List.of(), 100, Instant.now())
                .started(Instant.now());
        ingestion.runs.save(running);

        recovery.recover();

        IngestionRun after = ingestion.runs.find("r1").orElseThrow();
        assertThat(after.state()).isEqualTo(RunState.FAILED);
        assertThat(after.error()).contains("interrupted");
    }

    @Test
    void removesTheLocalScratchAKilledRunLeftAndNothingElse() throws Exception {
        IngestionRun running = IngestionRun.queued("r1", "shop", 2, "shop", "request", List.of(), 100, Instant.now())
                .started(Instant.now());
        ingestion.runs.save(running);
        java.nio.file.Files.createDirectories(temp.resolve("r1/out/sales"));
        java.nio.file.Files.write(temp.resolve("r1/out/sales/part-0.parquet"), new byte[1 << 20]);
        java.nio.file.Files.createDirectories(temp.resolve("not-a-run"));

        recovery.recover();

        assertThat(temp.resolve("r1")).doesNotExist();
        assertThat(temp.resolve("not-a-run")).exists();
    }

    @Test
    void removesWhatTheTransformationJobOfARunCutOffLeftAndNothingElse() {
        IngestionRun running = IngestionRun.queued("r1", "shop", 2, "shop", "request", List.of(), 100, Instant.now())
                .started(Instant.now());
        ingestion.runs.save(running);
        ingestion.store.putText("ingestion/jobs/r1/staging/sales/part-0.parquet", "staged");
        ingestion.store.putText("ingestion/jobs/r1/output/sales/region=US%2FEast/part-0.parquet", "output");
        ingestion.store.putText("ingestion/jobs/r10/output/sales/part-0.parquet", "another run's");

        recovery.recover();

        assertThat(ingestion.store.keys("ingestion/jobs/")).containsExactly("ingestion/jobs/r10/output/sales/part-0.parquet");
        assertThat(ingestion.runs.find("r1").orElseThrow().state()).isEqualTo(RunState.FAILED);
    }

    @Test
    void deletesTheFilesOfAVersionWhoseManifestWasNeverWritten() {
        IngestionRun publishing = IngestionRun.queued("r2", "shop", 2, "shop", "request", List.of(), 100, Instant.now())
                .started(Instant.now()).publishing("20240101T000000Z-abcdefabcdef", "abcdefabcdef00");
        ingestion.runs.save(publishing);
        ingestion.store.putText("curated/shop/v=20240101T000000Z-abcdefabcdef/sales/region=eu/period_year=2024/part-0.parquet", "x");

        recovery.recover();

        assertThat(ingestion.runs.find("r2").orElseThrow().state()).isEqualTo(RunState.FAILED);
        assertThat(ingestion.store.keys("curated/")).isEmpty();
        assertThat(ingestion.datasets.datasets()).isEmpty();
        assertThat(ingestion.events.published).isEmpty();
    }

    @Test
    void completesARunWhoseManifestWasWrittenAndAnnouncesIt() {
        ingestion.store.putText("landing/shop/products.csv", "sku,launched,market,price,colour,weight\nA,2024-01-01,eu,1,red,1\n");
        ingestion.store.putText("landing/shop/sales.csv", "tx;sku;market;day;qty\n1;A;eu;01.01.2024;3\n");
        IngestionRun done = ingestion.run("shop", "s3://test-bucket/landing/shop/");
        // as if the process died right after the manifest: the record still says PUBLISHING, no event went out
        ingestion.runs.save(IngestionRun.queued("r3", "shop", 2, "shop", "request", List.of(), 100, Instant.now())
                .started(Instant.now()).publishing(done.datasetVersion(), done.contentHash()));
        ingestion.events.published.clear();

        recovery.recover();

        IngestionRun after = ingestion.runs.find("r3").orElseThrow();
        assertThat(after.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(after.datasetVersion()).isEqualTo(done.datasetVersion());
        assertThat(ingestion.events.published).singleElement().isInstanceOfSatisfying(DatasetPublished.class,
                e -> assertThat(e.manifestKey()).isEqualTo(Manifest.key("shop", done.datasetVersion())));
        assertThat(ingestion.datasets.versions("shop")).containsExactly(done.datasetVersion());
    }

    @Test
    void leavesFinishedRunsAlone() {
        IngestionRun failed = IngestionRun.queued("r4", "shop", 2, "shop", "request", List.of(), 100, Instant.now())
                .failed("earlier failure", Instant.now());
        ingestion.runs.save(failed);

        assertThat(recovery.recover()).isEmpty();
        assertThat(ingestion.runs.find("r4").orElseThrow().error()).isEqualTo("earlier failure");
    }

    @Test
    void resumesARunCutOffWhileReadingFromItsInputAndPublishesOnce() throws Exception {
        land();
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
        land();
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
        ingestion.store.putText("landing/shop/products.csv", DirtyInputIngestionTest.PRODUCTS);
        ingestion.runs.save(running("r3", "request"));

        assertThat(ingestion.service.resume(recovery.recover())).isEmpty();

        assertThat(ingestion.runs.find("r3").orElseThrow().error())
                .contains("could not be resumed", "sales.csv is no longer stored", "/ingestions/r3/retry");
    }

    @Test
    void retriesAFailedRunOverTheSameInputs() throws Exception {
        land();
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
        land();
        IngestionRun done = ingestion.run("shop", "s3://test-bucket/landing/shop/");

        assertThatThrownBy(() -> ingestion.service.retry(done.id())).isInstanceOf(RunNotRetryableException.class)
                .hasMessageContaining("SUCCEEDED");
        assertThatThrownBy(() -> ingestion.service.retry("nope")).isInstanceOf(UnknownRunException.class);
    }

    private void land() {
        ingestion.store.putText("landing/shop/products.csv", DirtyInputIngestionTest.PRODUCTS);
        ingestion.store.putText("landing/shop/sales.csv", DirtyInputIngestionTest.SALES);
    }

    private static IngestionRun running(String id, String trigger) {
        return IngestionRun.queued(id, "shop", 2, "shop", trigger, INPUTS, 100, Instant.now()).started(Instant.now());
    }

    private IngestionRun finished(String id) throws InterruptedException {
        return IngestionFlowIT.await(() -> ingestion.runs.find(id).filter(r -> r.state().isFinal()).orElse(null));
    }
}

package io.launchcast.ingestion.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchcast.ingestion.curated.Manifest;
import io.launchcast.platform.events.DatasetPublished;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a restart finds after a crash at each stage of a run. */
class RunRecoveryTest {

    @TempDir
    Path temp;

    Ingestion ingestion;
    RunRecovery recovery;

    @BeforeEach
    void setUp() {
        ingestion = new Ingestion(temp, Map.of(), Ingestion.mapping(DirtyInputIngestionTest.MAPPING));
        recovery = new RunRecovery(ingestion.runs, ingestion.datasets, ingestion.events, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        ingestion.close();
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
}

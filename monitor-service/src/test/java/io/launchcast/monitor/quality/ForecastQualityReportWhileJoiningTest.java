package io.launchcast.monitor.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchcast.monitor.ForecastCaptures;
import io.launchcast.monitor.ForecastCaptures.Forecast;
import io.launchcast.monitor.ForecastCaptures.Sale;
import io.launchcast.platform.objectstore.directory.DirectoryObjectStore;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report answers while the service is busy with a change: a join of a million products holds the service's
 * lock for minutes, and the dashboard and planning apps reading figures must not wait for it.
 */
class ForecastQualityReportWhileJoiningTest {

    private static final LocalDate LAUNCH = LocalDate.of(2027, 3, 1);

    @TempDir
    Path dir;

    @Test
    void theReportAnswersWithTheLastAppliedFiguresWhileAChangeHoldsTheLock() throws Exception {
        DirectoryObjectStore store = new DirectoryObjectStore(dir.resolve("store"));
        ForecastCaptures.capture(store, "ep", List.of(new Forecast("i1", Instant.parse("2027-02-20T09:00:00Z"), "A1",
                null, "3", LAUNCH, Map.of("category", "dress"), 30, new double[] {10, 10}, 0.5)));
        ForecastCaptures.publish(store, "shop", "v1", List.of(new Sale("A1", "north", LAUNCH, 12)),
                Map.of("A1", "dress"));
        ForecastQuality quality = ForecastQualityFixture.create(store, dir.resolve("data"), Map.of(
                "launchcast.monitor.models[0].group", "g", "launchcast.monitor.models[0].endpoint", "ep",
                "launchcast.monitor.models[0].cron", "-"));
        quality.joinDataset("shop", "v1");

        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread busy = new Thread(() -> {
            synchronized (quality) { // what a long join does
                held.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        busy.start();
        try {
            assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
            ForecastQualityReport report = CompletableFuture.supplyAsync(() -> quality.report("g", null, null))
                    .get(20, TimeUnit.SECONDS);

            assertThat(report.overall().count()).isEqualTo(1);
            assertThat(report.overall().actualUnits()).isEqualTo(12);
        } finally {
            release.countDown();
            busy.join();
        }
    }
}

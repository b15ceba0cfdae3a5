package io.launchcast.features.compute;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Snapshot caching stays within memory whatever the size of the history. */
class LaunchHistoryCacheTest {

    @Test
    void smallHistoriesKeepASeasonOfDatesLargeOnesOnlyAFew() {
        assertThat(LaunchHistory.cachedSnapshots(5_577)).isEqualTo(32);
        assertThat(LaunchHistory.cachedSnapshots(40_000)).isEqualTo(8);
        assertThat(LaunchHistory.cachedSnapshots(500_000)).isEqualTo(2);
        assertThat(LaunchHistory.cachedSnapshots(0)).isEqualTo(32);
        // about 200 bytes per launch and snapshot: never much more than 64 MB
        for (int launches : new int[] {1_000, 10_000, 100_000, 160_000}) {
            assertThat(200L * launches * LaunchHistory.cachedSnapshots(launches)).isLessThanOrEqualTo(64_000_000L);
        }
    }
}

package io.launchcast.forecast.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BoostingThreadsTest {

    @Test
    void theConfiguredThreadsAreUsedOnlyWhenWaitingThreadsSleep() {
        assertThat(BoostingThreads.usable(2, Map.of("OMP_WAIT_POLICY", "PASSIVE"))).isEqualTo(2);
        assertThat(BoostingThreads.usable(4, Map.of("OMP_WAIT_POLICY", "passive"))).isEqualTo(4);
        assertThat(BoostingThreads.usable(2, Map.of())).isEqualTo(1);
        assertThat(BoostingThreads.usable(2, Map.of("OMP_WAIT_POLICY", "ACTIVE"))).isEqualTo(1);
        assertThat(BoostingThreads.usable(1, Map.of())).isEqualTo(1);
    }

    @Test
    void theBuildRunsTheTestsWithSleepingWaiters() {
        // the surefire configuration sets it, so tests train as the launch scripts and the image do
        assertThat(System.getenv("OMP_WAIT_POLICY")).isEqualToIgnoringCase("passive");
    }
}

package io.launchcast.monitor.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The newest model version is the one the quality alarms judge: versions order by number, as forecasts name them. */
class VersionOrderTest {

    @Test
    void versionsAsForecastsNameThemOrderByTheirNumber() {
        assertThat(Stream.of("launch-demand/9", "launch-demand/10", "launch-demand/2")
                .sorted(ForecastQuality::compareVersions).toList())
                .containsExactly("launch-demand/2", "launch-demand/9", "launch-demand/10");
        assertThat(Stream.of("9", "10").max(ForecastQuality::compareVersions)).contains("10");
        assertThat(Stream.of("b/1", "a/2").sorted(ForecastQuality::compareVersions).toList())
                .isEqualTo(List.of("a/2", "b/1"));
    }
}

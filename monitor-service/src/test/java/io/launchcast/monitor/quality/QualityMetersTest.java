package io.launchcast.monitor.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QualityMetersTest {

    @Test
    void theAlarmFiguresAreTheNewestVersionsOnlyWhileEachVersionKeepsItsOwnFigures() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        QualityMeters meters = new QualityMeters(registry);
        QualityFigures poor = new QualityFigures(40, 100, 180, 1.2, 0.8, Map.of("p50", 0.9), 0.9, 0.4);
        QualityFigures fair = new QualityFigures(40, 100, 110, 0.5, 0.1, Map.of("p50", 0.4), 0.4, 0.8);

        meters.update("g", Map.of("3", Map.of(QualityMeters.ALL, poor)));
        meters.alarmFigures("g", "3", poor);
        meters.update("g", Map.of("3", Map.of(QualityMeters.ALL, poor), "4", Map.of(QualityMeters.ALL, fair)));
        meters.alarmFigures("g", "4", fair);

        assertThat(registry.find(QualityMeters.ALARM_WAPE).tag("model_version", "3").gauges())
                .as("version 3's breaching WAPE is no longer shipped for its old alarm series").isEmpty();
        assertThat(registry.get(QualityMeters.ALARM_WAPE).tags("group", "g", "model_version", "4").gauge().value())
                .isEqualTo(0.5);
        assertThat(registry.get("launchcast.monitor.quality.wape").tags("model_version", "3", "cohort", "all")
                .gauge().value()).as("actuals still arrive for version 3's forecasts").isEqualTo(1.2);
    }
}

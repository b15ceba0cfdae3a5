package io.launchcast.monitor.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchcast.monitor.drift.DriftMethod;
import io.launchcast.monitor.drift.FeatureDrift;
import io.launchcast.monitor.runs.MonitoringRun;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DriftMetersTest {

    @Test
    void latestRunsDriftIsAGaugePerFeatureTaggedWithModelVersion() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        DriftMeters meters = new DriftMeters(registry);

        meters.completed(run(0.5));
        meters.completed(run(0.0001));

        assertThat(registry.get("launchcast.monitor.drift").tags("group", "g", "model_version", "3", "feature", "price",
                "method", "ks").gauge().value()).isEqualTo(0.0001);
        assertThat(registry.get("launchcast.monitor.records").tags("model_version", "3").gauge().value()).isEqualTo(400);
    }

    private static MonitoringRun run(double pValue) {
        return new MonitoringRun("r", "g", 3, MonitoringRun.State.COMPLETED, Instant.EPOCH, Instant.EPOCH, 100, 400, 0,
                List.of(), List.of(new FeatureDrift("price", DriftMethod.KS, pValue, 0.001, pValue < 0.001)), List.of(), null, null, null);
    }
}

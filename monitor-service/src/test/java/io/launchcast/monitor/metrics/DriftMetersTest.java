package io.launchcast.monitor.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchcast.monitor.drift.DriftMethod;
import io.launchcast.monitor.drift.FeatureDrift;
import io.launchcast.monitor.runs.MonitoringRun;
import io.launchcast.monitor.runs.Violation;
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

    @Test
    void aCheckWithoutViolationsNowIsZeroAndTheGaugesOfAVersionNoLongerServedAreRemoved() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        DriftMeters meters = new DriftMeters(registry);
        List<Violation> two = List.of(new Violation("price", "baseline_drift_check", "drifted"),
                new Violation("price", "baseline_drift_check", "drifted again"));

        meters.completed(run(3, 0.0001, two));
        assertThat(violations(registry, "3")).isEqualTo(2);
        meters.completed(run(3, 0.5, List.of()));
        assertThat(violations(registry, "3")).isZero();

        meters.completed(run(4, 0.5, List.of()));
        assertThat(registry.find("launchcast.monitor.drift").tag("model_version", "3").gauges()).isEmpty();
        assertThat(registry.find("launchcast.monitor.violations").tag("model_version", "3").gauges()).isEmpty();
        assertThat(registry.find("launchcast.monitor.records").tag("model_version", "3").gauges()).isEmpty();
        assertThat(registry.get("launchcast.monitor.drift").tags("model_version", "4").gauge().value()).isEqualTo(0.5);
    }

    private static double violations(SimpleMeterRegistry registry, String version) {
        return registry.get("launchcast.monitor.violations").tags("model_version", version, "feature", "price")
                .gauge().value();
    }

    private static MonitoringRun run(double pValue) {
        return run(3, pValue, List.of());
    }

    private static MonitoringRun run(int version, double pValue, List<Violation> violations) {
        return new MonitoringRun("r", "g", version, MonitoringRun.State.COMPLETED, Instant.EPOCH, Instant.EPOCH, 100,
                400, 0, violations, List.of(new FeatureDrift("price", DriftMethod.KS, pValue, 0.001, pValue < 0.001)),
                List.of(), null, null, null);
    }
}

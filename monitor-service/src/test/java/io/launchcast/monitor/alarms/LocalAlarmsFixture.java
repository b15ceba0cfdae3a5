package io.launchcast.monitor.alarms;

import io.launchcast.monitor.MonitorProperties;
import io.launchcast.monitor.alarms.local.LocalAlarmDefinitions;
import io.launchcast.platform.events.EventPublisher;
import io.launchcast.platform.objectstore.ObjectStore;
import io.launchcast.monitor.retraining.RetrainingTrigger;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/** The local alarm evaluator wired by hand, for tests and benches that run a service's parts without Spring. */
public final class LocalAlarmsFixture {

    private LocalAlarmsFixture() {
    }

    /** One model group {@code g}, on demand only, with the default drift thresholds. */
    static MonitorProperties oneGroup() {
        return new MonitorProperties(
                List.of(new MonitorProperties.Model("g", "ep", "-", Duration.ofHours(1))),
                new MonitorProperties.Drift(1000, 0.001, 0.2, 0.2, 0.01, false),
                new MonitorProperties.Capture("products", "attributes", "productId", List.of("productId")),
                "monitoring/reports", new MonitorProperties.ForecastDriftCheck(true, 100));
    }

    public static LocalAlarms create(AlarmProperties properties, MonitorProperties monitor, ObjectStore store,
            JsonMapper json, Clock clock, EventPublisher events, RetrainingTrigger retraining) {
        AlarmPolicies policies = new AlarmPolicies(properties, retraining, clock, store, json);
        return new LocalAlarms(properties, events, policies, clock, new LocalAlarmDefinitions(), monitor, store, json);
    }
}

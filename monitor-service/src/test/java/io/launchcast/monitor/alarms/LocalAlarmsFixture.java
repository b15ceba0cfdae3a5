package io.launchcast.monitor.alarms;

import io.launchcast.monitor.MonitorProperties;
import io.launchcast.monitor.alarms.local.LocalAlarmDefinitions;
import io.launchcast.platform.events.EventPublisher;
import io.launchcast.platform.objectstore.ObjectStore;
import io.launchcast.monitor.retraining.RetrainingTrigger;
import java.time.Clock;
import tools.jackson.databind.json.JsonMapper;

/** The local alarm evaluator wired by hand, for tests and benches that run a service's parts without Spring. */
public final class LocalAlarmsFixture {

    private LocalAlarmsFixture() {
    }

    public static LocalAlarms create(AlarmProperties properties, MonitorProperties monitor, ObjectStore store,
            JsonMapper json, Clock clock, EventPublisher events, RetrainingTrigger retraining) {
        AlarmPolicies policies = new AlarmPolicies(properties, retraining, clock, store, json);
        return new LocalAlarms(properties, events, policies, clock, new LocalAlarmDefinitions(), monitor, store, json);
    }
}

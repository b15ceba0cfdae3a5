package io.launchcast.monitor.alarms;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchcast.monitor.MonitorProperties;
import io.launchcast.monitor.bench.MemoryObjectStore;
import io.launchcast.monitor.drift.DriftMethod;
import io.launchcast.monitor.drift.FeatureDrift;
import io.launchcast.monitor.runs.MonitoringRun;
import io.launchcast.platform.events.LaunchcastEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * A restart (a second evaluator on the same object store) forgets nothing: an ALARM stays ALARM with its history,
 * the M-out-of-N window carries on with the datapoints before the restart, and the policy's cool-down holds.
 */
class LocalAlarmsRestartTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant START = Instant.parse("2027-03-02T10:00:00Z");

    private final MemoryObjectStore store = new MemoryObjectStore();
    private final List<String> retrainings = new ArrayList<>();
    private final List<LaunchcastEvent> events = new ArrayList<>();
    private int run;

    @Test
    void alarmStateHistoryAndCoolDownSurviveARestart() {
        LocalAlarms before = alarms(new AlarmRule(1, 1, AlarmRule.MissingData.MISSING), START);
        before.completed(run(drift("price", 0.5), drift("color", 0.5)));
        before.completed(run(drift("price", 1e-6), drift("color", 0.5)));
        assertThat(retrainings).hasSize(1);

        LocalAlarms after = alarms(new AlarmRule(1, 1, AlarmRule.MissingData.MISSING), START.plusSeconds(3600));
        after.restore();

        assertThat(after.all()).isEqualTo(before.all());
        assertThat(after.history("drift-g-price")).isEqualTo(before.history("drift-g-price"));
        assertThat(after.all()).filteredOn(a -> a.name().equals("drift-g-price"))
                .extracting(Alarm::state).containsExactly(AlarmRule.State.ALARM);

        // the same incident after the restart: price back to OK then color drifts, inside the 24 h cool-down
        after.completed(run(drift("price", 0.5), drift("color", 1e-6)));
        assertThat(after.history("drift-g-color").orElseThrow()).last().satisfies(t -> {
            assertThat(t.to()).isEqualTo(AlarmRule.State.ALARM);
            assertThat(t.reason()).contains("retraining already started");
        });
        assertThat(retrainings).hasSize(1);
    }

    @Test
    void mOutOfNCountsTheDatapointsBeforeTheRestart() {
        AlarmRule twoOfThree = new AlarmRule(3, 2, AlarmRule.MissingData.MISSING);
        LocalAlarms before = alarms(twoOfThree, START);
        before.completed(run(drift("price", 1e-6)));
        assertThat(before.all()).extracting(Alarm::state).containsExactly(AlarmRule.State.OK);

        LocalAlarms after = alarms(twoOfThree, START.plusSeconds(3600));
        after.completed(run(drift("price", 1e-6)));

        assertThat(after.all()).extracting(Alarm::state).containsExactly(AlarmRule.State.ALARM);
    }

    @Test
    void aSnapshotReplacesTheRecordsItCoversAndReplaysTheSame() {
        LocalAlarms before = alarms(new AlarmRule(1, 1, AlarmRule.MissingData.MISSING), START);
        for (int i = 0; i < AlarmJournal.RECORDS_PER_SNAPSHOT + 3; i++) {
            before.completed(run(drift("price", i % 2 == 0 ? 0.5 : 1e-6)));
        }

        LocalAlarms after = alarms(new AlarmRule(1, 1, AlarmRule.MissingData.MISSING), START);

        assertThat(store.list("monitoring/alarms/g/records/")).hasSize(3);
        assertThat(store.list("monitoring/alarms/g/snapshots/")).hasSize(1);
        assertThat(after.history("drift-g-price")).isEqualTo(before.history("drift-g-price"));
        assertThat(after.history("drift-g-price").orElseThrow()).hasSize(AlarmJournal.RECORDS_PER_SNAPSHOT + 3);
    }

    private LocalAlarms alarms(AlarmRule rule, Instant now) {
        AlarmProperties properties = new AlarmProperties(rule, rule,
                List.of(new AlarmProperties.Policy("drift-", AlarmProperties.Action.RETRAIN, Duration.ofHours(24))),
                AlarmProperties.Type.LOCAL, new AlarmProperties.CloudWatch("Launchcast", Duration.ofHours(1), List.of()),
                "monitoring/alarms");
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);

        MonitorProperties monitor = LocalAlarmsFixture.oneGroup();
        return LocalAlarmsFixture.create(properties, monitor, store, JSON, clock, events::add, reason -> {
            retrainings.add(reason);
            return "/pipeline-runs/run-" + retrainings.size();
        });
    }

    private MonitoringRun run(FeatureDrift... drift) {
        run++;
        return new MonitoringRun("run-" + run, "g", 3, MonitoringRun.State.COMPLETED, START, START.plusSeconds(3600),
                100, 500, 0, List.of(), List.of(drift), List.of(), null, null, null);
    }

    private static FeatureDrift drift(String feature, double pValue) {
        return new FeatureDrift(feature, DriftMethod.KS, pValue, 0.001, pValue < 0.001);
    }
}

package io.launchcast.monitor.alarms;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchcast.monitor.MonitorProperties;
import io.launchcast.monitor.alarms.local.LocalAlarmDefinitions;
import io.launchcast.monitor.bench.MemoryObjectStore;
import io.launchcast.monitor.drift.DriftMethod;
import io.launchcast.monitor.drift.FeatureDrift;
import io.launchcast.monitor.runs.MonitoringRun;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * A drift verdict holds through runs that give none (a quiet window, too few values) and is withdrawn when another
 * model version serves: its baseline is another reference, so the old verdict says nothing about it.
 */
class DriftVerdictsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant START = Instant.parse("2027-03-02T10:00:00Z");
    private static final AlarmRule HOLD = new AlarmRule(1, 1, AlarmRule.MissingData.IGNORE);

    private final MemoryObjectStore store = new MemoryObjectStore();
    private final LocalAlarmDefinitions definitions = new LocalAlarmDefinitions();
    private int run;

    @Test
    void aQuietRunKeepsTheVerdictAndANewModelVersionWithdrawsIt() {
        LocalAlarms alarms = alarms(HOLD);
        alarms.completed(run(3, drift("price", 1e-6), drift("color", 0.5)));
        assertThat(state(alarms, "drift-g-price")).isEqualTo(AlarmRule.State.ALARM);

        alarms.completed(run(3)); // a quiet hour: nothing captured, no verdict on anything
        assertThat(state(alarms, "drift-g-price")).isEqualTo(AlarmRule.State.ALARM);
        assertThat(state(alarms, "drift-g-color")).isEqualTo(AlarmRule.State.OK);
        assertThat(alarms.history("drift-g-price").orElseThrow()).hasSize(1);

        alarms.completed(run(4, drift("color", 0.5))); // version 4 serves; price gets no verdict yet
        assertThat(state(alarms, "drift-g-price")).isEqualTo(AlarmRule.State.INSUFFICIENT_DATA);
        assertThat(alarms.history("drift-g-price").orElseThrow()).last().satisfies(t -> {
            assertThat(t.from()).isEqualTo(AlarmRule.State.ALARM);
            assertThat(t.reason()).contains("no verdict yet against model version 4's baseline",
                    "the last was against version 3");
        });
        assertThat(state(alarms, "drift-g-color")).isEqualTo(AlarmRule.State.OK);
        // where alarms are defined (CloudWatch in aws mode) the same: missing data is missing on its old series
        assertThat(definitions.definition("drift-g-price").orElseThrow().rule().treatMissingData())
                .isEqualTo(AlarmRule.MissingData.MISSING);
        assertThat(definitions.definition("drift-g-color").orElseThrow().rule().treatMissingData())
                .isEqualTo(AlarmRule.MissingData.IGNORE);

        alarms.completed(run(4)); // still no verdict under version 4: nothing more happens
        assertThat(alarms.history("drift-g-price").orElseThrow()).hasSize(2);

        LocalAlarms restarted = alarms(HOLD);
        restarted.restore();
        assertThat(restarted.all()).isEqualTo(alarms.all());
    }

    @Test
    void theWithdrawnDatapointsDoNotCountTowardTheNextVersionsMOutOfN() {
        LocalAlarms alarms = alarms(new AlarmRule(3, 2, AlarmRule.MissingData.IGNORE));
        alarms.completed(run(3, drift("price", 1e-6)));
        alarms.completed(run(3, drift("price", 1e-6)));
        assertThat(state(alarms, "drift-g-price")).isEqualTo(AlarmRule.State.ALARM);

        alarms.completed(run(4));
        alarms.completed(run(4, drift("price", 1e-6)));

        // one breaching datapoint against version 4's baseline: two of three are needed
        assertThat(state(alarms, "drift-g-price")).isEqualTo(AlarmRule.State.OK);
    }

    @Test
    void theAlarmOfAFeatureOrForecastPeriodTheServedVersionLacksIsDeletedAndStaysSoAfterARestart() {
        LocalAlarms alarms = alarms(HOLD);
        alarms.completed(run(3, List.of("price", "color", "forecast_total", "forecast_period_11"), drift("price", 1e-6),
                drift("color", 0.5), drift("forecast_period_11", 1e-6)));
        assertThat(names(alarms)).containsExactlyInAnyOrder("drift-g-price", "drift-g-color",
                "drift-g-forecast_period_11");

        // version 4 has no forecast reference yet: whether it forecasts 12 periods is not known, so that alarm stays
        alarms.completed(run(4, List.of("color"), drift("color", 0.5)));
        assertThat(names(alarms)).containsExactlyInAnyOrder("drift-g-color", "drift-g-forecast_period_11");
        assertThat(definitions.definition("drift-g-price")).isEmpty();
        assertThat(state(alarms, "drift-g-forecast_period_11")).isEqualTo(AlarmRule.State.INSUFFICIENT_DATA);

        // its reference has 8 periods
        alarms.completed(run(4, List.of("color", "forecast_total", "forecast_period_7")));
        assertThat(names(alarms)).containsExactly("drift-g-color");
        assertThat(definitions.definition("drift-g-forecast_period_11")).isEmpty();

        LocalAlarms restarted = alarms(HOLD);
        restarted.restore();
        assertThat(restarted.all()).isEqualTo(alarms.all());
        // a feature back in a later version starts a new alarm
        restarted.completed(run(5, List.of("price", "color"), drift("price", 0.5)));
        assertThat(restarted.history("drift-g-price").orElseThrow()).singleElement()
                .satisfies(t -> assertThat(t.to()).isEqualTo(AlarmRule.State.OK));
    }

    private static List<String> names(LocalAlarms alarms) {
        return alarms.all().stream().map(Alarm::name).toList();
    }

    private static AlarmRule.State state(LocalAlarms alarms, String name) {
        return alarms.all().stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow().state();
    }

    private LocalAlarms alarms(AlarmRule drift) {
        AlarmProperties properties = new AlarmProperties(drift, drift, List.of(), AlarmProperties.Type.LOCAL,
                new AlarmProperties.CloudWatch("Launchcast", Duration.ofHours(1), List.of()), "monitoring/alarms");
        Clock clock = Clock.fixed(START, ZoneOffset.UTC);
        MonitorProperties monitor = LocalAlarmsFixture.oneGroup();
        AlarmPolicies policies = new AlarmPolicies(properties, reason -> "/pipeline-runs/none", clock, store, JSON);
        return new LocalAlarms(properties, event -> { }, policies, clock, definitions, monitor, store, JSON);
    }

    private MonitoringRun run(int version, FeatureDrift... drift) {
        return run(version, null, drift);
    }

    /** @param judgeable what the version can be judged on (null: not known) */
    private MonitoringRun run(int version, List<String> judgeable, FeatureDrift... drift) {
        run++;
        return new MonitoringRun("run-" + run, "g", version, MonitoringRun.State.COMPLETED, START,
                START.plusSeconds(3600), 100, drift.length == 0 ? 0 : 500, 0, List.of(), List.of(drift), List.of(),
                null, null, null, judgeable);
    }

    private static FeatureDrift drift(String feature, double pValue) {
        return new FeatureDrift(feature, DriftMethod.KS, pValue, 0.001, pValue < 0.001);
    }
}

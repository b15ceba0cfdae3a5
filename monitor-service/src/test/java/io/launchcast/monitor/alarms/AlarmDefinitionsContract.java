package io.launchcast.monitor.alarms;

import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AlarmDefinitions} adapter does: define, redefine the same (nothing changes), update, withdraw a
 * verdict.
 */
public interface AlarmDefinitionsContract {

    AlarmDefinitions definitions();

    static AlarmDefinition wape(double threshold) {
        return new AlarmDefinition("quality-launch-demand-wape", "WAPE of model group launch-demand",
                "launchcast.monitor.quality.alarm.wape", Map.of("group", "launch-demand", "model_version", "7"),
                AlarmDefinition.Comparison.GREATER_THAN, threshold,
                new AlarmRule(3, 2, AlarmRule.MissingData.NOT_BREACHING));
    }

    @Test
    default void definesRedefinesAndUpdatesAnAlarm() {
        assertThatCode(() -> {
            definitions().define(wape(0.8));
            definitions().define(wape(0.8));
            definitions().define(wape(0.6));
        }).doesNotThrowAnyException();
    }

    @Test
    default void deletesADefinedAlarmAndIgnoresAnUnknownOne() {
        assertThatCode(() -> {
            definitions().delete("drift-never-defined");
            definitions().define(wape(0.8));
            definitions().delete(wape(0.8).name());
            definitions().define(wape(0.8));
        }).doesNotThrowAnyException();
    }

    @Test
    default void withdrawsTheVerdictOfADefinedAlarmAndIgnoresAnUnknownOne() {
        assertThatCode(() -> {
            definitions().withdrawVerdict("drift-never-defined");
            definitions().define(wape(0.8));
            definitions().withdrawVerdict(wape(0.8).name());
        }).doesNotThrowAnyException();
    }
}

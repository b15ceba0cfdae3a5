package io.launchcast.monitor.alarms;

import static io.launchcast.monitor.alarms.AlarmRule.State.ALARM;
import static io.launchcast.monitor.alarms.AlarmRule.State.INSUFFICIENT_DATA;
import static io.launchcast.monitor.alarms.AlarmRule.State.OK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.launchcast.monitor.alarms.AlarmRule.MissingData;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlarmRuleTest {

    @Test
    void twoOutOfThreeBreachingDatapointsAlarm() {
        AlarmRule rule = new AlarmRule(3, 2, MissingData.MISSING);

        assertThat(rule.evaluate(List.of(true, false, false), INSUFFICIENT_DATA)).isEqualTo(OK);
        assertThat(rule.evaluate(List.of(true, false, true), OK)).isEqualTo(ALARM);
        assertThat(rule.evaluate(List.of(true, true, false, false), ALARM)).isEqualTo(OK);
    }

    @Test
    void missingDataFollowsTheConfiguredTreatment() {
        List<Boolean> allMissing = Arrays.asList(null, null);

        assertThat(new AlarmRule(2, 1, MissingData.MISSING).evaluate(allMissing, ALARM)).isEqualTo(INSUFFICIENT_DATA);
        assertThat(new AlarmRule(2, 1, MissingData.IGNORE).evaluate(allMissing, ALARM)).isEqualTo(ALARM);
        assertThat(new AlarmRule(2, 1, MissingData.BREACHING).evaluate(allMissing, OK)).isEqualTo(ALARM);
        assertThat(new AlarmRule(2, 1, MissingData.NOT_BREACHING).evaluate(allMissing, ALARM)).isEqualTo(OK);
    }

    @Test
    void fewerDatapointsThanPeriodsCountAsMissing() {
        assertThat(new AlarmRule(3, 1, MissingData.MISSING).evaluate(List.of(), OK)).isEqualTo(INSUFFICIENT_DATA);
        assertThat(new AlarmRule(3, 2, MissingData.BREACHING).evaluate(List.of(false), OK)).isEqualTo(ALARM);
    }

    @Test
    void refusesMoreDatapointsToAlarmThanPeriods() {
        assertThatThrownBy(() -> new AlarmRule(1, 2, MissingData.MISSING)).isInstanceOf(IllegalArgumentException.class);
    }
}

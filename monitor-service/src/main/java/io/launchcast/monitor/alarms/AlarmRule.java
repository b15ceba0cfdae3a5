package io.launchcast.monitor.alarms;

import jakarta.validation.constraints.Min;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * CloudWatch's evaluation settings of an alarm: the last {@code evaluationPeriods} datapoints (one per monitoring
 * run, the run being the period) are looked at; {@code datapointsToAlarm} breaching ones put it in ALARM.
 *
 * @param evaluationPeriods N of "M out of N"
 * @param datapointsToAlarm M of "M out of N"
 * @param treatMissingData what a period without a datapoint means
 */
public record AlarmRule(@DefaultValue("1") @Min(1) int evaluationPeriods, @DefaultValue("1") @Min(1) int datapointsToAlarm,
        @DefaultValue("MISSING") MissingData treatMissingData) {

    /** CloudWatch's TreatMissingData values. */
    public enum MissingData { MISSING, IGNORE, BREACHING, NOT_BREACHING }

    /** The three CloudWatch alarm states. */
    public enum State { OK, ALARM, INSUFFICIENT_DATA }

    public AlarmRule {
        if (datapointsToAlarm > evaluationPeriods) {
            throw new IllegalArgumentException("datapointsToAlarm " + datapointsToAlarm
                    + " exceeds evaluationPeriods " + evaluationPeriods);
        }
    }

    /**
     * The state after the newest periods, {@code breaching} oldest first, null for a period without datapoint.
     */
    public State evaluate(List<Boolean> breaching, State current) {
        List<Boolean> window = new ArrayList<>(breaching.subList(Math.max(0, breaching.size() - evaluationPeriods),
                breaching.size()));
        while (window.size() < evaluationPeriods) {
            window.add(0, null);
        }
        int breached = 0;
        int present = 0;
        for (Boolean b : window) {
            Boolean value = b != null ? b : switch (treatMissingData) {
                case BREACHING -> Boolean.TRUE;
                case NOT_BREACHING -> Boolean.FALSE;
                case MISSING, IGNORE -> null;
            };
            if (value != null) {
                present++;
                breached += value ? 1 : 0;
            }
        }
        if (breached >= datapointsToAlarm) {
            return State.ALARM;
        }
        if (present == 0) {
            return treatMissingData == MissingData.IGNORE ? current : State.INSUFFICIENT_DATA;
        }
        return State.OK; // as CloudWatch: periods with data and too few breaching ones

    }
}

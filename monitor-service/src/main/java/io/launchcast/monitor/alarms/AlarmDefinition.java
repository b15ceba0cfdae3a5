package io.launchcast.monitor.alarms;

import java.util.Map;

/**
 * A threshold alarm on one metric series, in the terms CloudWatch's {@code PutMetricAlarm} takes: the series is the
 * gauge the monitor publishes through Micrometer (name and tags), one datapoint per period.
 *
 * @param name alarm name, unique per service
 * @param description what it means, for the operator who gets it
 * @param metric the gauge's name
 * @param dimensions the gauge's tags that select the series
 * @param comparison on which side of the threshold a datapoint breaches
 * @param threshold the threshold
 * @param rule how many breaching datapoints of how many raise it, and what a missing one means
 */
public record AlarmDefinition(String name, String description, String metric, Map<String, String> dimensions,
        Comparison comparison, double threshold, AlarmRule rule) {

    /** The side of the threshold that breaches. */
    public enum Comparison { GREATER_THAN, LESS_THAN }

    public AlarmDefinition {
        dimensions = Map.copyOf(dimensions);
    }

    /**
     * The definition once its verdict is withdrawn ({@link AlarmDefinitions#withdrawVerdict}): its series gets no
     * more datapoints, and a missing datapoint is missing data, so the alarm goes to INSUFFICIENT_DATA.
     */
    public AlarmDefinition withoutVerdict() {
        return new AlarmDefinition(name, description, metric, dimensions, comparison, threshold,
                new AlarmRule(rule.evaluationPeriods(), rule.datapointsToAlarm(), AlarmRule.MissingData.MISSING));
    }
}

package io.launchcast.monitor.alarms.aws;

import io.launchcast.monitor.alarms.AlarmDefinition;
import io.launchcast.monitor.alarms.AlarmDefinitionException;
import io.launchcast.monitor.alarms.AlarmDefinitions;
import io.launchcast.monitor.alarms.AlarmRule;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.DeleteAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/**
 * CloudWatch alarms on the gauges the monitor publishes (the Micrometer CloudWatch registry ships them under
 * {@code namespace}, names as they are, tags as dimensions). {@code PutMetricAlarm} creates or replaces an alarm by
 * name; a definition already sent is not sent again, so a run per hour does not call CloudWatch per feature per hour.
 */
public class CloudWatchAlarmDefinitions implements AlarmDefinitions {

    private final CloudWatchClient cloudWatch;
    private final String namespace;
    private final int periodSeconds;
    private final List<String> alarmActions;
    private final Map<String, AlarmDefinition> sent = new ConcurrentHashMap<>();

    public CloudWatchAlarmDefinitions(CloudWatchClient cloudWatch, String namespace, int periodSeconds,
            List<String> alarmActions) {
        this.cloudWatch = cloudWatch;
        this.namespace = namespace;
        this.periodSeconds = periodSeconds;
        this.alarmActions = List.copyOf(alarmActions);
    }

    @Override
    public void define(AlarmDefinition d) {
        if (d.equals(sent.get(d.name()))) {
            return;
        }
        put(d);
    }

    /**
     * Puts the alarm again on its old series, missing data now counting as missing: CloudWatch has no call that
     * clears an alarm's state (SetAlarmState is for testing, and is undone at the next evaluation), so the
     * definition itself says there is nothing to judge. An alarm this process has not defined (the monitor
     * restarted since) is read back from CloudWatch and put again the same way; one CloudWatch does not have is
     * left alone.
     */
    @Override
    public void withdrawVerdict(String name) {
        AlarmDefinition defined = sent.get(name);
        if (defined != null) {
            if (defined.rule().treatMissingData() != AlarmRule.MissingData.MISSING) {
                put(defined.withoutVerdict());
            }
            return;
        }
        try {
            cloudWatch.describeAlarms(DescribeAlarmsRequest.builder().alarmNames(name).build()).metricAlarms().stream()
                    .filter(a -> a.alarmName().equals(name) && !"missing".equals(a.treatMissingData()))
                    .forEach(a -> cloudWatch.putMetricAlarm(withoutVerdict(a)));
        } catch (SdkException e) {
            throw new AlarmDefinitionException("CloudWatch: the verdict of alarm " + name + " not withdrawn: "
                    + e.getMessage(), e);
        }
    }

    /** {@code DeleteAlarms} of the one name: CloudWatch ignores a name it does not have. */
    @Override
    public void delete(String name) {
        try {
            cloudWatch.deleteAlarms(DeleteAlarmsRequest.builder().alarmNames(name).build());
        } catch (SdkException e) {
            throw new AlarmDefinitionException("CloudWatch: alarm " + name + " not deleted: " + e.getMessage(), e);
        }
        sent.remove(name);
    }

    /** The alarm as CloudWatch holds it, every field kept, its missing data now counted as missing. */
    private static PutMetricAlarmRequest withoutVerdict(MetricAlarm a) {
        return PutMetricAlarmRequest.builder()
                .alarmName(a.alarmName()).alarmDescription(a.alarmDescription())
                .namespace(a.namespace()).metricName(a.metricName()).dimensions(a.dimensions())
                .statistic(a.statistic()).extendedStatistic(a.extendedStatistic()).unit(a.unit()).period(a.period())
                .evaluationPeriods(a.evaluationPeriods()).datapointsToAlarm(a.datapointsToAlarm())
                .threshold(a.threshold()).comparisonOperator(a.comparisonOperator())
                .treatMissingData("missing")
                .actionsEnabled(a.actionsEnabled()).alarmActions(a.alarmActions()).okActions(a.okActions())
                .insufficientDataActions(a.insufficientDataActions())
                .build();
    }

    private void put(AlarmDefinition d) {
        AlarmRule rule = d.rule();
        PutMetricAlarmRequest request = PutMetricAlarmRequest.builder()
                .alarmName(d.name()).alarmDescription(d.description())
                .namespace(namespace).metricName(d.metric())
                .dimensions(d.dimensions().entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .map(e -> Dimension.builder().name(e.getKey()).value(e.getValue()).build()).toList())
                // one datapoint per period (a monitoring run, an arrival of actuals): the maximum is that datapoint
                .statistic(Statistic.MAXIMUM).period(periodSeconds)
                .evaluationPeriods(rule.evaluationPeriods()).datapointsToAlarm(rule.datapointsToAlarm())
                .threshold(d.threshold())
                .comparisonOperator(d.comparison() == AlarmDefinition.Comparison.GREATER_THAN
                        ? ComparisonOperator.GREATER_THAN_THRESHOLD : ComparisonOperator.LESS_THAN_THRESHOLD)
                .treatMissingData(switch (rule.treatMissingData()) {
                    case MISSING -> "missing";
                    case IGNORE -> "ignore";
                    case BREACHING -> "breaching";
                    case NOT_BREACHING -> "notBreaching";
                })
                .actionsEnabled(!alarmActions.isEmpty()).alarmActions(alarmActions)
                .build();
        try {
            cloudWatch.putMetricAlarm(request);
        } catch (SdkException e) {
            throw new AlarmDefinitionException("CloudWatch refused alarm " + d.name() + ": " + e.getMessage(), e);
        }
        sent.put(d.name(), d);
    }
}

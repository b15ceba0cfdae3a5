package io.launchcast.infra.observability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.launchcast.infra.api.ApiStack;
import io.launchcast.infra.compute.ComputeStack;
import io.launchcast.infra.config.ServiceConfiguration;
import io.launchcast.infra.config.StageSettings;
import io.launchcast.infra.data.DataStack;
import io.launchcast.infra.events.EventsStack;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.CfnAlarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.CreateAlarmOptions;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TextWidget;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.elasticloadbalancingv2.HttpCodeTarget;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kinesisfirehose.DeliveryStream;
import software.amazon.awscdk.services.kinesisfirehose.S3Bucket;
import software.amazon.awscdk.services.kinesisfirehose.StreamEncryption;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.logs.FilterPattern;
import software.amazon.awscdk.services.logs.SubscriptionFilter;
import software.amazon.awscdk.services.logs.destinations.FirehoseDestination;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * Observability: the {@code launchcast} dashboard (the services' own meters, {@link ServiceMetric}, in the
 * namespace their configuration names, next to the load balancer, API and queue metrics), alarms on an SNS
 * topic, and the export of the services' log groups to the logs bucket.
 */
public class ObservabilityStack extends Stack {

    private static final int PERIOD_SECONDS = 300;
    /** Spring Boot's HTTP server timer (not one of the services' own meters, so not in {@link ServiceMetric}). */
    static final String HTTP_SERVER_REQUESTS = "http.server.requests";

    private final Topic alarmTopic;
    private final Dashboard dashboard;
    private final List<String> alarmNames = new ArrayList<>();
    private final String namespace;
    /** The alarm topic: its ARN is also monitor-service's alarm action (its CloudWatch alarms notify it). */
    public static final String ALARM_TOPIC_NAME = "launchcast-alarms";

    public ObservabilityStack(Construct scope, String id, StackProps props, StageSettings stage,
            ServiceConfiguration services, DataStack data, EventsStack events, ComputeStack compute, ApiStack api) {
        super(scope, id, props);
        namespace = services.metricNamespace();

        Key alarmsKey = Key.Builder.create(this, "AlarmsKey")
                .alias("alias/launchcast/alarms")
                .description("Launchcast alarm topic")
                .enableKeyRotation(true)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        alarmsKey.addToResourcePolicy(PolicyStatement.Builder.create()
                .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                .actions(List.of("kms:Decrypt", "kms:GenerateDataKey*"))
                // a key policy's resource is always the key itself
                .resources(List.of("*"))
                .build());
        alarmTopic = Topic.Builder.create(this, "AlarmTopic")
                .topicName(ALARM_TOPIC_NAME)
                .displayName("Launchcast alarms")
                .masterKey(alarmsKey)
                .enforceSsl(true)
                .build();
        if (!stage.alarmEmail().isBlank()) {
            alarmTopic.addSubscription(new EmailSubscription(stage.alarmEmail()));
        }

        // the services' meters: drift, forecast quality, capture, events
        insightsAlarm("DriftViolations", "launchcast-drift-violations",
                "SELECT MAX(\"" + metric("launchcast.monitor.violations").cloudWatchName() + "\") FROM \"" + namespace + "\"",
                "The latest monitoring run found constraint violations (drift or data quality): see monitor-service "
                        + "/monitoring-runs");
        insightsAlarm("CaptureDropped", "launchcast-capture-dropped",
                "SELECT SUM(\"" + metric("launchcast.capture.records").cloudWatchName() + "\") FROM \""
                        + namespace + "\" WHERE outcome = 'dropped'",
                "forecast-service dropped data-capture records: its buffer is full (monitoring sees fewer requests)");
        insightsAlarm("EventsFailed", "launchcast-events-failed",
                "SELECT SUM(\"" + metric("launchcast.events.handled").cloudWatchName() + "\") FROM \""
                        + namespace + "\" WHERE outcome = 'failed'",
                "A service failed to handle events (retried; dead-lettered after launchcast.events.max-attempts)");
        insightsAlarm("EventsDeadLettered", "launchcast-events-dead-lettered",
                "SELECT SUM(\"" + metric("launchcast.events.dead-lettered").cloudWatchName() + "\") FROM \""
                        + namespace + "\"",
                "A service gave up on an event: read it at /event-failures and replay it");

        events.deadLetterQueues().forEach((queue, deadLetters) -> alarm(deadLetters
                .metricApproximateNumberOfMessagesVisible(MetricOptions.builder().statistic("Maximum")
                        .period(Duration.seconds(PERIOD_SECONDS)).build()),
                "DeadLetters-" + queue, "launchcast-" + queue + "-dlq-not-empty", 0, 1,
                "Messages wait in " + queue + "-dlq: the service could not handle them"));

        compute.targetGroups().forEach((service, targets) -> alarm(targets.getMetrics().unhealthyHostCount(
                        MetricOptions.builder().statistic("Maximum").period(Duration.minutes(1)).build()),
                "Unhealthy-" + service, "launchcast-" + service + "-unhealthy", 0, 3,
                service + " fails its readiness check (" + ComputeStack.HEALTH_CHECK_PATH + ")"));
        alarm(compute.loadBalancer().getMetrics().httpCodeTarget(HttpCodeTarget.TARGET_5XX_COUNT,
                        MetricOptions.builder().statistic("Sum").period(Duration.seconds(PERIOD_SECONDS)).build()),
                "Service5xx", "launchcast-services-5xx", 10, 1, "The services answered more than 10 server errors in 5 minutes");
        alarm(api.api().metricServerError(MetricOptions.builder().statistic("Sum")
                        .period(Duration.seconds(PERIOD_SECONDS)).build()),
                "Api5xx", "launchcast-api-5xx", 10, 1, "API Gateway answered more than 10 server errors in 5 minutes");
        alarm(api.api().metricLatency(MetricOptions.builder().statistic("p90")
                        .period(Duration.seconds(PERIOD_SECONDS)).build()),
                "ApiLatency", "launchcast-api-latency-p90", 3000, 3, "The API's 90th percentile latency is above 3 s");

        dashboard = Dashboard.Builder.create(this, "Dashboard")
                .dashboardName("launchcast")
                .widgets(widgets(events, compute, api))
                .build();

        exportLogs(data, compute);
    }

    /** The services' log groups, streamed to the logs bucket (kept a year) through Firehose. */
    private void exportLogs(DataStack data, ComputeStack compute) {
        DeliveryStream export = DeliveryStream.Builder.create(this, "LogExport")
                .deliveryStreamName("launchcast-log-export")
                .destination(S3Bucket.Builder.create(data.logsBucket())
                        .dataOutputPrefix("application-logs/")
                        .errorOutputPrefix("application-logs-failed/")
                        .bufferingInterval(Duration.minutes(5))
                        .build())
                .encryption(StreamEncryption.awsOwnedKey())
                .build();
        compute.logGroups().forEach((service, logs) -> SubscriptionFilter.Builder.create(this, "Export-" + service)
                .logGroup(logs)
                .destination(new FirehoseDestination(export))
                .filterPattern(FilterPattern.allEvents())
                .build());
        NagSuppressions.addResourceSuppressions(this, List.of(NagPackSuppression.builder().id("AwsSolutions-IAM5")
                .reason("Firehose writes objects with keys it generates under the logs bucket's prefixes, and the "
                        + "CDK-generated grants for it carry the bucket's object wildcard only.")
                .build()), true);
    }

    private List<List<IWidget>> widgets(EventsStack events, ComputeStack compute, ApiStack api) {
        List<List<IWidget>> rows = new ArrayList<>();
        rows.add(List.of(TextWidget.Builder.create()
                .markdown("# Launchcast\nThe services' meters (namespace `" + namespace + "`), then the API, the "
                        + "services' load balancer and the event queues. Alarms notify the `launchcast-alarms` topic.")
                .width(24).height(2).build()));
        List<IWidget> serviceMeters = new ArrayList<>();
        for (ServiceMetric metric : ServiceMetric.all()) {
            serviceMeters.add(GraphWidget.Builder.create()
                    .title(metric.title())
                    .left(List.of(search(metric)))
                    .width(8).height(6)
                    .build());
        }
        rows.add(serviceMeters);
        // Spring Boot's own HTTP server timer, which every service publishes next to its launchcast.* meters
        rows.add(List.of(
                GraphWidget.Builder.create().title("Services: slowest request (http.server.requests, max)")
                        .left(List.of(search(HTTP_SERVER_REQUESTS + ".max", "", "Maximum", "max")))
                        .width(12).height(6).build(),
                GraphWidget.Builder.create().title("Services: server errors (http.server.requests, outcome SERVER_ERROR)")
                        .left(List.of(search(HTTP_SERVER_REQUESTS + ".count", " outcome=\"SERVER_ERROR\"", "Sum",
                                "5xx")))
                        .width(12).height(6).build()));
        rows.add(List.of(
                GraphWidget.Builder.create().title("API requests and errors")
                        .left(List.of(api.api().metricCount(), api.api().metricClientError(),
                                api.api().metricServerError()))
                        .width(8).height(6).build(),
                GraphWidget.Builder.create().title("API latency (p50, p90)")
                        .left(List.of(api.api().metricLatency(MetricOptions.builder().statistic("p50").build()),
                                api.api().metricLatency(MetricOptions.builder().statistic("p90").build())))
                        .width(8).height(6).build(),
                GraphWidget.Builder.create().title("Services: response time and 5xx")
                        .left(List.of(compute.loadBalancer().getMetrics().targetResponseTime()))
                        .right(List.of(compute.loadBalancer().getMetrics().httpCodeTarget(HttpCodeTarget.TARGET_5XX_COUNT)))
                        .width(8).height(6).build()));
        List<IMetric> cpu = new ArrayList<>();
        compute.services().values().forEach(service -> cpu.add(service.metricCpuUtilization()));
        List<IMetric> deadLetters = new ArrayList<>();
        events.deadLetterQueues().values().forEach(queue -> deadLetters.add(queue.metricApproximateNumberOfMessagesVisible()));
        List<IMetric> backlog = new ArrayList<>();
        events.queues().values().forEach(queue -> backlog.add(queue.metricApproximateNumberOfMessagesVisible()));
        rows.add(List.of(
                GraphWidget.Builder.create().title("Services: CPU").left(cpu).width(8).height(6).build(),
                GraphWidget.Builder.create().title("Event queues: backlog").left(backlog).width(8).height(6).build(),
                GraphWidget.Builder.create().title("Dead-letter queues").left(deadLetters).width(8).height(6).build()));
        return rows;
    }

    /** Every series of a meter, whatever its tags, with the statistic the meter calls for. */
    private IMetric search(ServiceMetric metric) {
        return search(metric.cloudWatchName(), "", metric.statistic(), metric.meter());
    }

    /**
     * A SEARCH by namespace and metric name as search terms: a schema in braces ({@code {Launchcast}}) would
     * match only series with exactly its dimensions (none), and every meter of the services has tags.
     */
    private IMetric search(String metricName, String moreTerms, String statistic, String label) {
        return MathExpression.Builder.create()
                .expression("SEARCH('Namespace=\"" + namespace + "\" MetricName=\"" + metricName + "\"" + moreTerms
                        + "', '" + statistic + "', " + PERIOD_SECONDS + ")")
                .usingMetrics(Map.of())
                .label(label)
                .period(Duration.seconds(PERIOD_SECONDS))
                .build();
    }

    private static ServiceMetric metric(String meter) {
        return ServiceMetric.all().stream().filter(m -> m.meter().equals(meter)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no service metric " + meter));
    }

    private void alarm(IMetric metric, String id, String name, double threshold, int periods, String description) {
        Alarm alarm = metric instanceof software.amazon.awscdk.services.cloudwatch.Metric m
                ? m.createAlarm(this, id, options(name, threshold, periods, description))
                : Alarm.Builder.create(this, id).metric(metric).alarmName(name).alarmDescription(description)
                        .threshold(threshold).evaluationPeriods(periods)
                        .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                        .treatMissingData(TreatMissingData.NOT_BREACHING).build();
        alarm.addAlarmAction(new SnsAction(alarmTopic));
        alarmNames.add(name);
    }

    private static CreateAlarmOptions options(String name, double threshold, int periods, String description) {
        return CreateAlarmOptions.builder()
                .alarmName(name)
                .alarmDescription(description)
                .threshold(threshold)
                .evaluationPeriods(periods)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
    }

    /** An alarm on a CloudWatch Metrics Insights query: the meters' tags vary, the query sums over them. */
    private void insightsAlarm(String id, String name, String query, String description) {
        CfnAlarm.Builder.create(this, id)
                .alarmName(name)
                .alarmDescription(description)
                .comparisonOperator("GreaterThanThreshold")
                .threshold(0)
                .evaluationPeriods(1)
                .treatMissingData("notBreaching")
                .metrics(List.of(CfnAlarm.MetricDataQueryProperty.builder()
                        .id("q")
                        .expression(query)
                        .period(PERIOD_SECONDS)
                        .returnData(true)
                        .build()))
                .alarmActions(List.of(alarmTopic.getTopicArn()))
                .build();
        alarmNames.add(name);
    }

    public Topic alarmTopic() {
        return alarmTopic;
    }

    public Dashboard dashboard() {
        return dashboard;
    }

    public List<String> alarmNames() {
        return List.copyOf(alarmNames);
    }
}

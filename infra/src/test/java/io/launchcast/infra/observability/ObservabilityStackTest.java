package io.launchcast.infra.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.launchcast.infra.SynthesizedApp;
import io.launchcast.infra.TemplateQueries;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class ObservabilityStackTest {

    private static Template observability;

    @BeforeAll
    static void synthesize() {
        observability = SynthesizedApp.template(SynthesizedApp.staging().observability());
    }

    @Test
    void alarmsWatchDriftCaptureEventsQueuesServicesAndTheApi() {
        var alarms = TemplateQueries.property(observability, "AWS::CloudWatch::Alarm", "AlarmName");
        assertThat(alarms).contains("launchcast-drift-violations", "launchcast-capture-dropped",
                "launchcast-events-failed", "launchcast-events-dead-lettered", "launchcast-services-5xx",
                "launchcast-api-5xx", "launchcast-api-latency-p90");
        SynthesizedApp.services().queues().forEach(queue -> assertThat(alarms).contains("launchcast-" + queue + "-dlq-not-empty"));
        assertThat(alarms).hasSize(SynthesizedApp.staging().observability().alarmNames().size());
        TemplateQueries.property(observability, "AWS::CloudWatch::Alarm", "AlarmActions")
                .forEach(actions -> assertThat((java.util.List<?>) actions).hasSize(1));
        assertThat(TemplateQueries.property(observability, "AWS::CloudWatch::Alarm", "AlarmActions")).hasSize(alarms.size());
    }

    @Test
    void theAlarmTopicIsEncryptedAndTlsOnly() {
        observability.hasResourceProperties("AWS::SNS::Topic", Map.of("TopicName", "launchcast-alarms",
                "KmsMasterKeyId", Match.anyValue()));
        observability.hasResourceProperties("AWS::SNS::Subscription", Map.of("Protocol", "email",
                "Endpoint", "ops@launchcast.example"));
        assertThat(TemplateQueries.json(observability)).contains("aws:SecureTransport");
    }

    @Test
    void theServicesLogsAreExportedToTheLogsBucket() {
        observability.resourceCountIs("AWS::Logs::SubscriptionFilter", 4);
        observability.hasResourceProperties("AWS::KinesisFirehose::DeliveryStream", Map.of(
                "DeliveryStreamName", "launchcast-log-export"));
        observability.hasResourceProperties("AWS::CloudWatch::Dashboard", Map.of("DashboardName", "launchcast"));
    }

    @Test
    void theDashboardShowsTheServicesLatencyAndServerErrors() {
        assertThat(TemplateQueries.json(observability)).contains(ObservabilityStack.HTTP_SERVER_REQUESTS + ".max",
                ObservabilityStack.HTTP_SERVER_REQUESTS + ".count", "SERVER_ERROR");
    }
}

package io.launchcast.monitor.alarms.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.launchcast.monitor.alarms.AlarmDefinitions;
import io.launchcast.monitor.alarms.AlarmDefinitionsContract;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/**
 * The CloudWatch adapter sends what CloudWatch expects: the real SDK client talks to a local HTTP server that
 * answers as CloudWatch would, and the recorded request's operation and fields are asserted.
 */
class CloudWatchAlarmDefinitionsRequestShapeTest implements AlarmDefinitionsContract {

    private WireMockServer cloudWatchApi;
    private CloudWatchClient client;
    private CloudWatchAlarmDefinitions definitions;

    @BeforeEach
    void start() {
        cloudWatchApi = new WireMockServer(options().dynamicPort());
        cloudWatchApi.start();
        cloudWatchApi.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/xml").withBody("""
                        <PutMetricAlarmResponse xmlns="http://monitoring.amazonaws.com/doc/2010-08-01/">
                          <ResponseMetadata><RequestId>6f0a1c7e-0000-4000-8000-000000000001</RequestId></ResponseMetadata>
                        </PutMetricAlarmResponse>""")));
        client = CloudWatchClient.builder().endpointOverride(URI.create(cloudWatchApi.baseUrl()))
                .region(Region.EU_WEST_1).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
                .build();
        definitions = new CloudWatchAlarmDefinitions(client, "Launchcast", 3600,
                List.of("arn:aws:sns:eu-west-1:123456789012:launchcast-ops"));
    }

    @AfterEach
    void stop() {
        client.close();
        cloudWatchApi.stop();
    }

    @Override
    public AlarmDefinitions definitions() {
        return definitions;
    }

    @Test
    void putMetricAlarmCarriesTheMetricItsDimensionsThresholdAndEvaluationRule() {
        definitions.define(AlarmDefinitionsContract.wape(0.8));

        cloudWatchApi.verify(1, postRequestedFor(urlEqualTo("/")));
        String body = cloudWatchApi.getAllServeEvents().get(0).getRequest().getBodyAsString();
        assertThat(body).contains("Action=PutMetricAlarm", "Version=2010-08-01",
                "AlarmName=quality-launch-demand-wape", "Namespace=Launchcast",
                "MetricName=launchcast.monitor.quality.alarm.wape",
                "Dimensions.member.1.Name=group", "Dimensions.member.1.Value=launch-demand",
                "Dimensions.member.2.Name=model_version", "Dimensions.member.2.Value=7",
                "Statistic=Maximum", "Period=3600", "EvaluationPeriods=3", "DatapointsToAlarm=2", "Threshold=0.8",
                "ComparisonOperator=GreaterThanThreshold", "TreatMissingData=notBreaching", "ActionsEnabled=true",
                "AlarmActions.member.1=arn%3Aaws%3Asns%3Aeu-west-1%3A123456789012%3Alaunchcast-ops");
    }

    @Test
    void aWithdrawnVerdictPutsTheAlarmAgainOnItsSeriesWithMissingDataMissingAndTheNextDefinitionRestoresIt() {
        definitions.define(AlarmDefinitionsContract.wape(0.8));
        definitions.withdrawVerdict("quality-launch-demand-wape");
        definitions.withdrawVerdict("quality-launch-demand-wape");
        definitions.define(AlarmDefinitionsContract.wape(0.8));

        cloudWatchApi.verify(3, postRequestedFor(urlEqualTo("/")));
        String withdrawn = cloudWatchApi.getAllServeEvents().stream()
                .map(e -> e.getRequest().getBodyAsString()).filter(b -> b.contains("TreatMissingData=missing"))
                .findFirst().orElseThrow();
        assertThat(withdrawn).contains("Action=PutMetricAlarm", "AlarmName=quality-launch-demand-wape",
                "MetricName=launchcast.monitor.quality.alarm.wape", "Dimensions.member.2.Value=7",
                "EvaluationPeriods=3", "DatapointsToAlarm=2", "Threshold=0.8");
        assertThat(cloudWatchApi.getAllServeEvents()).filteredOn(e -> e.getRequest().getBodyAsString()
                .contains("TreatMissingData=notBreaching")).hasSize(2);
    }

    @Test
    void afterARestartAVerdictIsWithdrawnFromTheAlarmAsCloudWatchHoldsItAndAnAlarmItHasNotIsLeftAlone() {
        describeAlarmsAnswers("""
                <member>
                  <AlarmName>drift-launch-demand-price</AlarmName>
                  <AlarmDescription>Drift of price</AlarmDescription>
                  <Namespace>Launchcast</Namespace>
                  <MetricName>launchcast.monitor.drift</MetricName>
                  <Dimensions>
                    <member><Name>feature</Name><Value>price</Value></member>
                    <member><Name>group</Name><Value>launch-demand</Value></member>
                  </Dimensions>
                  <Statistic>Maximum</Statistic>
                  <Period>3600</Period>
                  <EvaluationPeriods>3</EvaluationPeriods>
                  <DatapointsToAlarm>2</DatapointsToAlarm>
                  <Threshold>0.2</Threshold>
                  <ComparisonOperator>GreaterThanThreshold</ComparisonOperator>
                  <TreatMissingData>ignore</TreatMissingData>
                  <ActionsEnabled>true</ActionsEnabled>
                  <AlarmActions><member>arn:aws:sns:eu-west-1:123456789012:launchcast-ops</member></AlarmActions>
                  <StateValue>ALARM</StateValue>
                </member>""");

        definitions.withdrawVerdict("drift-launch-demand-price"); // defined by the process before the restart

        List<String> bodies = bodiesInOrder();
        assertThat(bodies).hasSize(2);
        assertThat(bodies.get(0)).contains("Action=DescribeAlarms", "AlarmNames.member.1=drift-launch-demand-price");
        assertThat(bodies.get(1)).contains("Action=PutMetricAlarm", "AlarmName=drift-launch-demand-price",
                "Namespace=Launchcast", "MetricName=launchcast.monitor.drift", "Dimensions.member.1.Value=price",
                "Dimensions.member.2.Value=launch-demand", "Statistic=Maximum", "Period=3600", "EvaluationPeriods=3",
                "DatapointsToAlarm=2", "Threshold=0.2", "ComparisonOperator=GreaterThanThreshold",
                "TreatMissingData=missing", "ActionsEnabled=true",
                "AlarmActions.member.1=arn%3Aaws%3Asns%3Aeu-west-1%3A123456789012%3Alaunchcast-ops");

        cloudWatchApi.resetRequests();
        describeAlarmsAnswers("");
        definitions.withdrawVerdict("drift-launch-demand-colour");
        assertThat(cloudWatchApi.getAllServeEvents()).singleElement()
                .satisfies(e -> assertThat(e.getRequest().getBodyAsString()).contains("Action=DescribeAlarms"));
    }

    /** CloudWatch's answer to DescribeAlarms: the given {@code <member>} elements of its MetricAlarms. */
    /** The requests' bodies, oldest first (WireMock lists the newest first). */
    private List<String> bodiesInOrder() {
        List<String> bodies = new java.util.ArrayList<>(cloudWatchApi.getAllServeEvents().stream()
                .map(e -> e.getRequest().getBodyAsString()).toList());
        java.util.Collections.reverse(bodies);
        return bodies;
    }

    private void describeAlarmsAnswers(String members) {
        cloudWatchApi.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeAlarms"))
                .atPriority(1).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml")
                        .withBody("""
                                <DescribeAlarmsResponse xmlns="http://monitoring.amazonaws.com/doc/2010-08-01/">
                                  <DescribeAlarmsResult><MetricAlarms>%s</MetricAlarms></DescribeAlarmsResult>
                                  <ResponseMetadata><RequestId>6f0a1c7e-0000-4000-8000-000000000002</RequestId></ResponseMetadata>
                                </DescribeAlarmsResponse>""".formatted(members))));
    }

    @Test
    void aDeletedAlarmIsDeleteAlarmsOfItsNameAndItsDefinitionIsSentAgainAfterwards() {
        definitions.define(AlarmDefinitionsContract.wape(0.8));
        definitions.delete("quality-launch-demand-wape");
        definitions.define(AlarmDefinitionsContract.wape(0.8));

        List<String> bodies = bodiesInOrder();
        assertThat(bodies).hasSize(3);
        assertThat(bodies.get(1)).contains("Action=DeleteAlarms", "Version=2010-08-01",
                "AlarmNames.member.1=quality-launch-demand-wape");
        assertThat(bodies.get(2)).contains("Action=PutMetricAlarm", "AlarmName=quality-launch-demand-wape");
    }

    @Test
    void theSameDefinitionIsSentOnceAndAChangedOneAgain() {
        definitions.define(AlarmDefinitionsContract.wape(0.8));
        definitions.define(AlarmDefinitionsContract.wape(0.8));
        definitions.define(AlarmDefinitionsContract.wape(0.6));

        cloudWatchApi.verify(2, postRequestedFor(urlEqualTo("/")));
    }
}

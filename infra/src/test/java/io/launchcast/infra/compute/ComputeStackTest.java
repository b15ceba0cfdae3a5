package io.launchcast.infra.compute;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.launchcast.infra.SynthesizedApp;
import io.launchcast.infra.TemplateQueries;
import io.launchcast.infra.config.ServiceConfiguration;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class ComputeStackTest {

    private static Template compute;
    private static ServiceConfiguration services;

    @BeforeAll
    static void synthesize() {
        compute = SynthesizedApp.template(SynthesizedApp.staging().compute());
        services = SynthesizedApp.services();
    }

    @Test
    void eachServiceRunsOnFargateFromItsImageOnItsPort() {
        compute.resourceCountIs("AWS::ECS::Service", ServiceConfiguration.SERVICES.size());
        for (String service : ServiceConfiguration.SERVICES) {
            compute.hasResourceProperties("AWS::ECS::TaskDefinition", Map.of(
                    "Family", "launchcast-" + service,
                    "RequiresCompatibilities", List.of("FARGATE"),
                    "ContainerDefinitions", List.of(Match.objectLike(Map.of(
                            "PortMappings", List.of(Match.objectLike(Map.of("ContainerPort", services.port(service)))),
                            "LogConfiguration", Match.objectLike(Map.of("LogDriver", "awslogs")))))));
            compute.hasResourceProperties("AWS::ECS::Service", Map.of("ServiceName", service, "LaunchType", "FARGATE",
                    "NetworkConfiguration", Map.of("AwsvpcConfiguration", Match.objectLike(Map.of("AssignPublicIp", "DISABLED")))));
        }
    }

    @Test
    void imagesComeFromThePipelineAccountsRepositoriesAtTheCommitsTag() {
        String json = TemplateQueries.json(compute);
        for (String service : ServiceConfiguration.SERVICES) {
            assertThat(json).contains("111111111111.dkr.ecr.eu-west-1.", "/launchcast/" + service + ":"
                    + SynthesizedApp.IMAGE_TAG);
        }
    }

    @Test
    void targetGroupsCheckTheActuatorReadinessEndpoint() {
        for (String service : ServiceConfiguration.SERVICES) {
            compute.hasResourceProperties("AWS::ElasticLoadBalancingV2::TargetGroup", Map.of(
                    "Port", services.port(service),
                    "HealthCheckPath", "/actuator/health/readiness",
                    "TargetType", "ip"));
        }
    }

    @Test
    void servicesScaleOnCpuAndOnRequestCount() {
        compute.resourceCountIs("AWS::ApplicationAutoScaling::ScalableTarget", ServiceConfiguration.SERVICES.size());
        compute.hasResourceProperties("AWS::ApplicationAutoScaling::ScalingPolicy", Map.of(
                "TargetTrackingScalingPolicyConfiguration", Match.objectLike(Map.of("PredefinedMetricSpecification",
                        Map.of("PredefinedMetricType", "ECSServiceAverageCPUUtilization")))));
        compute.hasResourceProperties("AWS::ApplicationAutoScaling::ScalingPolicy", Map.of(
                "TargetTrackingScalingPolicyConfiguration", Match.objectLike(Map.of("PredefinedMetricSpecification",
                        Match.objectLike(Map.of("PredefinedMetricType", "ALBRequestCountPerTarget"))))));
    }

    @Test
    void theLoadBalancerIsInternalAndTerminatesTls() {
        compute.hasResourceProperties("AWS::ElasticLoadBalancingV2::LoadBalancer", Map.of("Type", "application",
                "Scheme", "internal"));
        compute.hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", Map.of("Protocol", "HTTPS", "Port", 443,
                "Certificates", List.of(Map.of("CertificateArn", "arn:aws:acm:eu-west-1:222222222222:certificate/staging")),
                "SslPolicy", Match.anyValue()));
        compute.hasResourceProperties("AWS::ElasticLoadBalancingV2::LoadBalancer", Map.of("Type", "network",
                "Scheme", "internal"));
    }

    @Test
    void everyPathAServiceProtectsIsRoutedToThatService() {
        Map<String, List<String>> routes = ServiceRoutes.of(services);
        String json = TemplateQueries.json(compute);
        routes.values().forEach(patterns -> patterns.forEach(pattern -> assertThat(json).contains("\"" + pattern + "\"")));
        Map<String, String> owner = new HashMap<>();
        routes.forEach((service, patterns) -> patterns.forEach(pattern -> assertThat(owner.put(pattern, service))
                .as("%s is routed to one service", pattern).isNull()));
    }

    @Test
    void taskRolesPublishMetricsOnlyInTheServicesNamespaceAndStartOnlyTheirGlueJob() {
        compute.hasResourceProperties("AWS::IAM::Policy", Map.of("PolicyDocument", Map.of("Statement", Match.arrayWith(
                List.of(Match.objectLike(Map.of("Action", "cloudwatch:PutMetricData", "Resource", "*",
                        "Condition", Map.of("StringEquals", Map.of("cloudwatch:namespace", services.metricNamespace())))))))));
        compute.hasResourceProperties("AWS::IAM::Policy", Map.of("PolicyDocument", Map.of("Statement", Match.arrayWith(
                List.of(Match.objectLike(Map.of(
                        "Action", List.of("glue:StartJobRun", "glue:GetJobRun", "glue:BatchStopJobRun"),
                        "Resource", "arn:aws:glue:eu-west-1:222222222222:job/launchcast-transform")))))));
    }

    @Test
    void monitorServiceMayDefineOnlyTheAlarmsOfItsPolicies() {
        compute.hasResourceProperties("AWS::IAM::Policy", Map.of("PolicyDocument", Map.of("Statement", Match.arrayWith(
                List.of(Match.objectLike(Map.of(
                        "Action", "cloudwatch:PutMetricAlarm",
                        "Resource", List.of("arn:aws:cloudwatch:eu-west-1:222222222222:alarm:drift-*",
                                "arn:aws:cloudwatch:eu-west-1:222222222222:alarm:quality-*"))))))));
    }

    @Test
    void noStatementAllowsEveryActionOnEveryResource() {
        TemplateQueries.property(compute, "AWS::IAM::Policy", "PolicyDocument").forEach(document ->
                assertThat(String.valueOf(document)).doesNotContain("Action=*,").doesNotContain("Action=[*]"));
    }

    @Test
    void monitorServiceReadsItsClientSecretFromSecretsManager() {
        compute.hasResourceProperties("AWS::ECS::TaskDefinition", Map.of("Family", "launchcast-monitor-service",
                "ContainerDefinitions", List.of(Match.objectLike(Map.of("Secrets", List.of(Match.objectLike(
                        Map.of("Name", "LAUNCHCAST_MONITOR_CLIENT_SECRET"))))))));
        assertThat(TemplateQueries.containerEnvironment(compute, "forecast-service"))
                .containsEntry("LAUNCHCAST_CAPTURE_RETENTION", "0");
    }
}

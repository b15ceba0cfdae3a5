package io.launchcast.infra;

import static io.launchcast.infra.TemplateQueries.containerEnvironment;
import static io.launchcast.infra.TemplateQueries.property;
import static io.launchcast.infra.TemplateQueries.resources;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.launchcast.infra.catalog.CatalogStack;
import io.launchcast.infra.config.ServiceConfiguration;
import io.launchcast.infra.events.EventsStack;
import io.launchcast.platform.security.Role;
import software.amazon.awscdk.assertions.Template;

/**
 * Every resource name the services read from their configuration in the aws profile exists in the synthesized
 * template, under that name, and the services are told the names the app chose where their configuration has
 * none. The names are read from the services' YAML files in this repository, never retyped here, and
 * docker-compose.yml (the same suite on LocalStack) must create the same bucket and queues: renaming a queue in
 * launchcast-platform.yml or a service's application.yml fails this test until docker-compose.yml follows.
 */
class ServiceResourceNamesTest {

    private static ServiceConfiguration services;
    private static LaunchcastStage stage;

    @BeforeAll
    static void synthesize() {
        services = SynthesizedApp.services();
        stage = SynthesizedApp.staging();
    }

    @Test
    void everyQueueAServiceReadsOrRoutesToExistsWithItsDeadLetterQueue() {
        Template events = SynthesizedApp.template(stage.events());
        List<Object> queueNames = property(events, "AWS::SQS::Queue", "QueueName");
        Set<String> expected = new LinkedHashSet<>();
        ServiceConfiguration.SERVICES.forEach(service -> expected.addAll(services.inbox(service)));
        services.eventRoutes().values().forEach(expected::addAll);
        assertThat(expected).isNotEmpty();
        for (String queue : expected) {
            assertThat(queueNames).as("queue %s", queue).contains(queue, queue + "-dlq");
        }
        assertThat(redriveTargets(events)).as("queue to the queue its redrive policy names")
                .containsAllEntriesOf(expected.stream().collect(java.util.stream.Collectors.toMap(q -> q, q -> q + "-dlq")));
    }

    @Test
    void landingNotificationsGoToAnIngestionInboxQueue() {
        assertThat(services.inbox("ingestion-service")).contains(EventsStack.LANDING_QUEUE);
        Template events = SynthesizedApp.template(stage.events());
        var notifications = resources(events, "Custom::S3BucketNotifications");
        assertThat(notifications).hasSize(1);
        String landingQueueId = resources(events, "AWS::SQS::Queue").entrySet().stream()
                .filter(e -> String.valueOf(e.getValue().get("Properties")).contains("QueueName=" + EventsStack.LANDING_QUEUE + ","))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        String configuration = String.valueOf(notifications.values().iterator().next().get("Properties"));
        assertThat(configuration).contains("QueueConfigurations", "Value=landing/", "s3:ObjectCreated:*", landingQueueId);
    }

    @Test
    void theDataBucketIsTheServicesBucketInThisAccountAndRegion() {
        String bucket = services.bucket() + "-" + SynthesizedApp.STAGING_ACCOUNT + "-" + SynthesizedApp.REGION;
        assertThat(property(SynthesizedApp.template(stage.data()), "AWS::S3::Bucket", "BucketName")).contains(bucket);
        Template compute = SynthesizedApp.template(stage.compute());
        for (String service : ServiceConfiguration.SERVICES) {
            assertThat(containerEnvironment(compute, service)).containsEntry("LAUNCHCAST_OBJECT_STORE_BUCKET", bucket)
                    .containsEntry("SPRING_PROFILES_ACTIVE", "aws");
        }
    }

    @Test
    void everyFeatureGroupOfFeatureGroupsYmlExists() {
        var groups = services.featureGroups();
        assertThat(groups.names()).isNotEmpty();
        Template featureStore = SynthesizedApp.template(stage.featureStore());
        assertThat(property(featureStore, "AWS::SageMaker::FeatureGroup", "FeatureGroupName"))
                .containsExactlyInAnyOrderElementsOf(groups.names());
        assertThat(property(featureStore, "AWS::SageMaker::FeatureGroup", "RecordIdentifierFeatureName"))
                .containsOnly(groups.recordIdentifierName());
        assertThat(property(featureStore, "AWS::SageMaker::FeatureGroup", "EventTimeFeatureName"))
                .containsOnly(groups.eventTimeName());
    }

    @Test
    void theModelPackageGroupIsTheOneForecastServiceRegistersToAndMonitorServiceWatches() {
        String group = services.modelPackageGroup();
        assertThat(services.monitoredModelGroups()).containsOnly(group);
        assertThat(property(SynthesizedApp.template(stage.ml()), "AWS::SageMaker::ModelPackageGroup",
                "ModelPackageGroupName")).containsExactly(group);
        assertThat(containerEnvironment(SynthesizedApp.template(stage.compute()), "forecast-service"))
                .containsEntry("LAUNCHCAST_REGISTRY_DEFAULT_GROUP", group);
    }

    @Test
    void theAwsProfileOfEveryServicePutsEachPortOnItsAwsAdapterAndAcceptsJwtsOnly() {
        Map<String, List<String>> ports = Map.of(
                "ingestion-service", List.of("/launchcast/ingestion/catalog/type"),
                "feature-service", List.of("/launchcast/online-store/type"),
                "forecast-service", List.of("/launchcast/registry/type", "/launchcast/pipeline/type"),
                "monitor-service", List.of("/launchcast/monitor/alarms/type"));
        for (String service : ServiceConfiguration.SERVICES) {
            for (String port : ports.get(service)) {
                assertThat(services.awsSetting(service, port)).as("%s %s", service, port).contains("aws");
            }
            assertThat(services.awsSetting(service, "/launchcast/security/mode")).as(service).contains("jwt");
        }
    }

    @Test
    void everyVariableAServicesAwsProfileRequiresIsSetByItsTaskDefinition() {
        Template compute = SynthesizedApp.template(stage.compute());
        for (String service : ServiceConfiguration.SERVICES) {
            Set<String> given = new java.util.TreeSet<>(containerEnvironment(compute, service).keySet());
            given.addAll(TemplateQueries.containerSecrets(compute, service));
            assertThat(services.requiredEnvironment(service)).as("variables %s's aws profile needs", service)
                    .isNotEmpty().isSubsetOf(given);
        }
        assertThat(services.requiredEnvironment("monitor-service")).contains("LAUNCHCAST_MONITOR_CLIENT_SECRET");
        assertThat(TemplateQueries.containerSecrets(compute, "monitor-service"))
                .containsExactly("LAUNCHCAST_MONITOR_CLIENT_SECRET");
        assertThat(containerEnvironment(compute, "monitor-service")).doesNotContainKey("LAUNCHCAST_MONITOR_CLIENT_SECRET");
    }

    @Test
    void theMonitorsClientMayAskForExactlyTheScopesItsRegistrationNamesOnTheServicesResourceServer() {
        Template identity = SynthesizedApp.template(stage.identity());
        String prefix = services.roleScopePrefix();
        List<String> scopes = services.monitorClientScopes();
        assertThat(scopes).isNotEmpty().allSatisfy(scope -> assertThat(scope).startsWith(prefix));
        assertThat(property(identity, "AWS::Cognito::UserPoolResourceServer", "Identifier"))
                .containsExactly(prefix.substring(0, prefix.length() - 1));
        assertThat(String.valueOf(property(identity, "AWS::Cognito::UserPoolResourceServer", "Scopes")))
                .contains(scopes.stream().map(scope -> "ScopeName=" + scope.substring(prefix.length())).toList());
        // each scope names a role the services know
        scopes.forEach(scope -> Role.of(scope.substring(prefix.length())));
    }

    @Test
    void thePipelineForecastServiceCreatesIsTheOneItsRoleMayManage() {
        String pipelineArnEnd = ":pipeline/" + services.pipelineName();
        assertThat(TemplateQueries.json(SynthesizedApp.template(stage.compute()))).contains(pipelineArnEnd,
                pipelineArnEnd + "/execution/*");
    }

    @Test
    void theGlueJobAndDatabaseAreTheOnesIngestionIsTold() {
        Template catalog = SynthesizedApp.template(stage.catalog());
        assertThat(property(catalog, "AWS::Glue::Job", "Name")).containsExactly(CatalogStack.TRANSFORM_JOB_NAME);
        assertThat(TemplateQueries.json(catalog)).contains("\"Name\":\"" + services.glueDatabase() + "\"");
        assertThat(containerEnvironment(SynthesizedApp.template(stage.compute()), "ingestion-service"))
                .containsEntry("LAUNCHCAST_INGESTION_CATALOG_JOB_NAME", CatalogStack.TRANSFORM_JOB_NAME)
                .containsEntry("LAUNCHCAST_INGESTION_CATALOG_DATABASE", services.glueDatabase());
    }

    @Test
    void theMetricNamespaceIsTheOneTheServicesPublishTo() {
        String namespace = services.metricNamespace();
        String observability = TemplateQueries.json(SynthesizedApp.template(stage.observability()));
        assertThat(observability).contains("FROM \\\"" + namespace + "\\\"",
                "Namespace=\\\\\\\"" + namespace + "\\\\\\\"");
        assertThat(TemplateQueries.json(SynthesizedApp.template(stage.compute())))
                .contains("\"cloudwatch:namespace\":\"" + namespace + "\"");
    }

    @Test
    void theCaptureEndpointIsTheOneMonitorServiceReads() {
        assertThat(services.monitoredEndpoints()).containsOnly(services.captureEndpointName());
        assertThat(TemplateQueries.json(SynthesizedApp.template(stage.ml())))
                .contains("\"ENDPOINT_NAME\"", "\"Value\":\"" + services.captureEndpointName() + "\"");
    }

    @Test
    void theCognitoGroupsAreTheServicesRoles() {
        assertThat(property(SynthesizedApp.template(stage.identity()), "AWS::Cognito::UserPoolGroup", "GroupName"))
                .containsExactlyInAnyOrderElementsOf(java.util.Arrays.stream(Role.values()).map(Role::id).toList());
    }

    @Test
    void dockerComposeCreatesTheSameBucketAndQueues() throws IOException {
        String compose = Files.readString(services.root().resolve("docker-compose.yml"));
        Matcher queues = Pattern.compile("for q in ([^;]+); do").matcher(compose);
        assertThat(queues.find()).as("docker-compose.yml creates the queues in a `for q in ...; do` loop").isTrue();
        assertThat(List.of(queues.group(1).trim().split("\\s+")))
                .containsExactlyInAnyOrderElementsOf(services.queues());
        assertThat(compose).contains("LAUNCHCAST_OBJECT_STORE_BUCKET: " + services.bucket(),
                "s3 mb s3://" + services.bucket() + " ", "\"Value\":\"" + "landing/" + "\"",
                ":" + EventsStack.LANDING_QUEUE + "\"");
    }

    @Test
    void dockerComposeCreatesEachQueuesDeadLetterQueueAndSetsWhatTheAwsProfilesRequire() throws IOException {
        String compose = Files.readString(services.root().resolve("docker-compose.yml"));
        assertThat(compose).contains("--queue-name $$q-dlq", "deadLetterTargetArn", ":$$q-dlq",
                "maxReceiveCount\\\\\":\\\\\"" + EventsStack.REDRIVE_MAX_RECEIVES + "\\\\\"",
                "--queue-name $$q --attributes")
                // the services find the queues made for them and create none of their own
                .contains("LAUNCHCAST_EVENTS_CREATE_QUEUES: \"false\"");
        for (String service : ServiceConfiguration.SERVICES) {
            for (String variable : services.requiredEnvironment(service)) {
                assertThat(compose).as("docker-compose.yml sets %s for %s", variable, service).contains(variable + ":");
            }
        }
    }

    /** Queue name to the name of the queue its RedrivePolicy targets. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> redriveTargets(Template events) {
        Map<String, Map<String, Object>> queues = resources(events, "AWS::SQS::Queue");
        Map<String, String> targets = new java.util.HashMap<>();
        queues.values().forEach(queue -> {
            Map<String, Object> properties = (Map<String, Object>) queue.get("Properties");
            Map<String, Object> redrive = (Map<String, Object>) properties.get("RedrivePolicy");
            if (redrive == null) {
                return;
            }
            assertThat(redrive.get("maxReceiveCount")).isEqualTo(EventsStack.REDRIVE_MAX_RECEIVES);
            String targetId = (String) ((List<Object>) ((Map<String, Object>) redrive.get("deadLetterTargetArn"))
                    .get("Fn::GetAtt")).get(0);
            Map<String, Object> target = (Map<String, Object>) queues.get(targetId).get("Properties");
            targets.put((String) properties.get("QueueName"), (String) target.get("QueueName"));
        });
        return targets;
    }
}

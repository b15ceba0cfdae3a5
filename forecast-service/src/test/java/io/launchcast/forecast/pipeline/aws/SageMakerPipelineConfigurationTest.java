package io.launchcast.forecast.pipeline.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.launchcast.forecast.registry.ModelLifecycle;
import io.launchcast.forecast.registry.RegistryProperties;
import io.launchcast.forecast.registry.local.ObjectStoreModelRegistry;
import io.launchcast.forecast.testing.SageMakerTestClients;
import io.launchcast.platform.objectstore.ObjectStore;
import io.launchcast.platform.objectstore.ObjectStoreProperties;
import io.launchcast.platform.testing.LocalObjectStores;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The launcher of aws mode is built from configuration: {@code launchcast.pipeline.sagemaker} (validated at
 * start-up) plus the registry's image and group and the object store's bucket, and its calls carry those names.
 */
class SageMakerPipelineConfigurationTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String ROLE = "arn:aws:iam::123456789012:role/launchcast-pipeline";
    static final String IMAGE = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/launchcast/forecast-service:abc";
    static WireMockServer api;

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({RegistryProperties.class, ObjectStoreProperties.class})
    static class ServiceProperties {
    }

    final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(ServiceProperties.class, SageMakerPipelineConfiguration.class)
            .withBean(JsonMapper.class, () -> JSON)
            .withBean(SageMakerClient.class, () -> SageMakerTestClients.against(api))
            .withBean(ObjectStore.class, LocalObjectStores::onLocalCloud)
            .withBean(ModelLifecycle.class, () -> new ModelLifecycle(new ObjectStoreModelRegistry(
                    LocalObjectStores.onLocalCloud(), JSON, Clock.systemUTC()), event -> { }))
            .withPropertyValues("launchcast.registry.type=aws", "launchcast.registry.default-group=launch-demand",
                    "launchcast.registry.sagemaker-image-uri=" + IMAGE,
                    "launchcast.object-store.bucket=launchcast-123456789012-eu-west-1",
                    "launchcast.training.config=../samples/visuelle/training.yml", "launchcast.training.dataset=visuelle");

    @BeforeAll
    static void start() {
        api = new WireMockServer(options().dynamicPort());
        api.start();
        answer("DescribePipeline", aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody("{\"__type\":\"ResourceNotFound\",\"message\":\"no such pipeline\"}"));
        answer("CreatePipeline", okJson("{\"PipelineArn\":\"arn:aws:sagemaker:eu-west-1:123456789012:pipeline/launchcast-training\"}"));
        answer("StartPipelineExecution", okJson("{\"PipelineExecutionArn\":"
                + "\"arn:aws:sagemaker:eu-west-1:123456789012:pipeline/launchcast-training/execution/run1\"}"));
    }

    @AfterAll
    static void stop() {
        api.stop();
    }

    private static void answer(String operation, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
        api.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("SageMaker." + operation))
                .willReturn(response.withHeader("Content-Type", "application/x-amz-json-1.1")));
    }

    private static JsonNode lastBody(String operation) {
        var requests = api.findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target",
                equalTo("SageMaker." + operation)));
        assertThat(requests).as(operation + " calls").isNotEmpty();
        return JSON.readTree(requests.get(requests.size() - 1).getBodyAsString());
    }

    @Test
    void startsTheConfiguredPipelineWithTheConfiguredRoleImageBucketGroupAndDefaults() {
        runner.withPropertyValues("launchcast.pipeline.type=aws",
                        "launchcast.pipeline.sagemaker.pipeline-name=launchcast-training",
                        "launchcast.pipeline.sagemaker.role-arn=" + ROLE,
                        "launchcast.pipeline.sagemaker.instance-type=ml.m5.2xlarge",
                        "launchcast.training.max-wape=60", "launchcast.training.coverage-min=50",
                        "launchcast.pipeline.sagemaker.hyperparameters.rounds=400")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    String arn = context.getBean(SageMakerPipelineLauncher.class)
                            .launch(Map.of("DatasetManifest", "curated/visuelle/v=3/_manifest.json"));

                    assertThat(arn).endsWith("/execution/run1");
                    JsonNode start = lastBody("StartPipelineExecution");
                    assertThat(start.path("PipelineName").asString()).isEqualTo("launchcast-training");
                    Map<String, String> parameters = new TreeMap<>();
                    start.path("PipelineParameters").forEach(p -> parameters.put(p.path("Name").asString(),
                            p.path("Value").asString()));
                    assertThat(parameters).containsOnlyKeys("DatasetManifest", "DatasetVersionUri", "MaxWape",
                            "CoverageMin", "CoverageMax", "GroupServesDataset", "HpRounds", "TrainingConfig", "Trigger")
                            .containsEntry("DatasetManifest", "curated/visuelle/v=3/_manifest.json")
                            .containsEntry("DatasetVersionUri", "s3://launchcast-123456789012-eu-west-1/curated/visuelle/v=3/")
                            .containsEntry("MaxWape", "60.0").containsEntry("HpRounds", "400")
                            .as("the local gate's settings").containsEntry("CoverageMin", "50.0")
                            .containsEntry("CoverageMax", "95.0")
                            .as("the registry holds no model yet").containsEntry("GroupServesDataset", "false");
                    // the service's training configuration, in the configured bucket
                    assertThat(parameters.get("TrainingConfig"))
                            .matches("s3://launchcast-123456789012-eu-west-1/pipeline/sagemaker/config/[0-9a-f]{64}/training.yml");

                    JsonNode create = lastBody("CreatePipeline");
                    assertThat(create.path("PipelineName").asString()).isEqualTo("launchcast-training");
                    assertThat(create.path("RoleArn").asString()).isEqualTo(ROLE);
                    JsonNode definition = JSON.readTree(create.path("PipelineDefinition").asString());
                    JsonNode prepare = definition.path("Steps").get(0).path("Arguments");
                    assertThat(prepare.path("AppSpecification").path("ImageUri").asString()).isEqualTo(IMAGE);
                    assertThat(prepare.path("RoleArn").asString()).isEqualTo(ROLE);
                    assertThat(prepare.path("ProcessingResources").path("ClusterConfig").path("InstanceType").asString())
                            .isEqualTo("ml.m5.2xlarge");
                    assertThat(prepare.path("ProcessingInputs").get(0).path("S3Input").path("S3Uri").path("Get")
                            .asString()).isEqualTo("Parameters.DatasetVersionUri");
                    assertThat(definition.path("Steps").get(3).path("Arguments").path("IfSteps").get(0)
                            .path("Arguments").path("ModelPackageGroupName").asString()).isEqualTo("launch-demand");
                });
    }

    @Test
    void theGatesDefaultsAreTheLocalGatesNoWapeLimitAndCoverageFrom60To95() {
        runner.withPropertyValues("launchcast.pipeline.type=aws",
                        "launchcast.pipeline.sagemaker.pipeline-name=launchcast-training",
                        "launchcast.pipeline.sagemaker.role-arn=" + ROLE)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    context.getBean(SageMakerPipelineLauncher.class)
                            .launch(Map.of("DatasetManifest", "curated/visuelle/v=3/_manifest.json"));

                    Map<String, String> parameters = new TreeMap<>();
                    lastBody("StartPipelineExecution").path("PipelineParameters").forEach(p -> parameters.put(
                            p.path("Name").asString(), p.path("Value").asString()));
                    // a WAPE limit of 100 refused every model of a retailer whose best WAPE is above it, which the
                    // local gate registers
                    assertThat(parameters).containsEntry("MaxWape", "none").containsEntry("CoverageMin", "60.0")
                            .containsEntry("CoverageMax", "95.0");
                });
    }

    @Test
    void refusesTheGateSettingsThatMovedToTrainingSayingWhere() {
        runner.withPropertyValues("launchcast.pipeline.type=aws",
                        "launchcast.pipeline.sagemaker.pipeline-name=launchcast-training",
                        "launchcast.pipeline.sagemaker.role-arn=" + ROLE,
                        "launchcast.pipeline.sagemaker.max-wape=60")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessage("launchcast.pipeline.sagemaker.max-wape is no longer read: the quality gate of"
                                + " both pipelines is set by launchcast.training.max-wape"));
    }

    @Test
    void refusesToStartWithoutAnExecutionRole() {
        runner.withPropertyValues("launchcast.pipeline.type=aws",
                        "launchcast.pipeline.sagemaker.pipeline-name=launchcast-training")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("launchcast.pipeline.sagemaker").hasMessageContaining("roleArn"));
    }

    @Test
    void refusesARoleThatIsNoIamRoleArn() {
        runner.withPropertyValues("launchcast.pipeline.type=aws",
                        "launchcast.pipeline.sagemaker.pipeline-name=launchcast-training",
                        "launchcast.pipeline.sagemaker.role-arn=launchcast-pipeline")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("roleArn"));
    }

    @Test
    void localModeHasNoLauncherAndNeedsNoSageMakerSettings() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(SageMakerPipelineLauncher.class);
        });
    }
}

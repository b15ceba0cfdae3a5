package io.launchcast.forecast.pipeline.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.launchcast.platform.io.Sha256;
import io.launchcast.platform.objectstore.ObjectStore;
import io.launchcast.platform.testing.LocalObjectStores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.launchcast.forecast.testing.SageMakerTestClients;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The SageMaker Pipelines calls, asserted on the wire against a local HTTP server answering as SageMaker. */
class SageMakerPipelineLauncherRequestShapeTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String ROLE = "arn:aws:iam::123456789012:role/launchcast-sagemaker";
    static final String IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/launchcast-forecast:0.1.0";
    static final String TRAINING_YML = "horizon: 12\nquantiles: [0.1, 0.5, 0.9]\n";
    static WireMockServer api;
    static SageMakerPipelineLauncher launcher;
    static ObjectStore store;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        api = new WireMockServer(options().dynamicPort());
        api.start();
        SageMakerClient client = SageMakerTestClients.against(api);
        store = LocalObjectStores.onLocalCloud();
        Path config = Files.writeString(dir.resolve("training.yml"), TRAINING_YML);
        launcher = new SageMakerPipelineLauncher(client, new SageMakerPipelineDefinition(JSON),
                new SageMakerPipelineSettings("launchcast-training", ROLE, IMAGE, "launchcast-prod", "launch-demand",
                        "ml.m5.xlarge", Map.of("DatasetManifest", "curated/visuelle/v=1/_manifest.json",
                                "MaxWape", "60", "HpRounds", "400", "HpSeed", "42", "TrainingConfig", "")),
                store, config);
    }

    @AfterAll
    static void stop() {
        api.stop();
    }

    @BeforeEach
    void reset() {
        api.resetAll();
        answer("StartPipelineExecution", "{\"PipelineExecutionArn\":\"arn:aws:sagemaker:us-east-1:123456789012:pipeline/launchcast-training/execution/abc\"}");
        answer("CreatePipeline", "{\"PipelineArn\":\"arn:aws:sagemaker:us-east-1:123456789012:pipeline/launchcast-training\"}");
        answer("UpdatePipeline", "{\"PipelineArn\":\"arn:aws:sagemaker:us-east-1:123456789012:pipeline/launchcast-training\"}");
    }

    private static void answer(String operation, String body) {
        api.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("SageMaker." + operation))
                .willReturn(okJson(body).withHeader("Content-Type", "application/x-amz-json-1.1")));
    }

    private static JsonNode body(String operation) {
        var requests = api.findAll(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("SageMaker." + operation)));
        assertThat(requests).as(operation + " calls").hasSize(1);
        return JSON.readTree(requests.get(0).getBodyAsString());
    }

    @Test
    void firstLaunchCreatesThePipelineWithTheFullDefinitionThenStartsIt() {
        api.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("SageMaker.DescribePipeline"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"__type\":\"ResourceNotFound\",\"message\":\"Pipeline launchcast-training does not exist\"}")));

        String arn = launcher.launch(Map.of("MaxWape", "58"));

        assertThat(arn).endsWith("/execution/abc");
        JsonNode create = body("CreatePipeline");
        assertThat(create.path("PipelineName").asString()).isEqualTo("launchcast-training");
        assertThat(create.path("RoleArn").asString()).isEqualTo(ROLE);
        assertThat(create.path("ClientRequestToken").asString()).isNotBlank();
        JsonNode definition = JSON.readTree(create.path("PipelineDefinition").asString());
        assertThat(definition.path("Version").asString()).isEqualTo("2020-12-01");
        List<String> steps = definition.path("Steps").valueStream().map(s -> s.path("Name").asString()).toList();
        assertThat(steps).containsExactly("Prepare", "Train", "Evaluate", "QualityGate");
        JsonNode train = definition.path("Steps").get(1).path("Arguments");
        assertThat(train.path("AlgorithmSpecification").path("TrainingImage").asString()).isEqualTo(IMAGE);
        assertThat(train.path("HyperParameters").path("Rounds").path("Get").asString()).isEqualTo("Parameters.HpRounds");
        assertThat(train.path("InputDataConfig").get(0).path("ChannelName").asString()).isEqualTo("train");
        assertThat(train.path("InputDataConfig").get(1).path("ChannelName").asString()).isEqualTo("config");
        assertThat(train.path("InputDataConfig").get(1).path("DataSource").path("S3DataSource").path("S3Uri")
                .path("Get").asString()).isEqualTo("Parameters.TrainingConfig");
        JsonNode evaluate = definition.path("Steps").get(2).path("Arguments");
        assertThat(evaluate.path("AppSpecification").path("ContainerArguments").get(0).asString()).isEqualTo("evaluate");
        assertThat(evaluate.path("ProcessingInputs").valueStream().map(i -> i.path("InputName").asString()))
                .containsExactly("model", "training-set", "config");
        JsonNode gate = definition.path("Steps").get(3).path("Arguments");
        assertThat(gate.path("Conditions").get(0).path("RightValue").path("Get").asString()).isEqualTo("Parameters.MaxWape");
        assertThat(gate.path("IfSteps").get(0).path("Type").asString()).isEqualTo("RegisterModel");
        assertThat(gate.path("IfSteps").get(0).path("Arguments").path("ModelApprovalStatus").asString())
                .isEqualTo("PendingManualApproval");
        assertThat(gate.path("ElseSteps").get(0).path("Type").asString()).isEqualTo("Fail");

        JsonNode start = body("StartPipelineExecution");
        assertThat(start.path("PipelineName").asString()).isEqualTo("launchcast-training");
        Map<String, String> parameters = new java.util.TreeMap<>();
        start.path("PipelineParameters").forEach(p -> parameters.put(p.path("Name").asString(), p.path("Value").asString()));
        assertThat(parameters).containsEntry("MaxWape", "58").containsEntry("HpRounds", "400")
                .containsEntry("DatasetManifest", "curated/visuelle/v=1/_manifest.json");
        // the service's own training configuration, uploaded under its content hash for the steps to read
        String key = "pipeline/sagemaker/config/" + Sha256.hex(TRAINING_YML.getBytes(StandardCharsets.UTF_8))
                + "/training.yml";
        assertThat(parameters).containsEntry("TrainingConfig", "s3://launchcast-prod/" + key);
        assertThat(new String(store.read(key), StandardCharsets.UTF_8)).isEqualTo(TRAINING_YML);
    }

    @Test
    void laterLaunchesUpdateTheExistingPipeline() {
        answer("DescribePipeline", "{\"PipelineName\":\"launchcast-training\",\"PipelineStatus\":\"Active\"}");

        launcher.launch(Map.of());

        api.verify(exactly(1), postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("SageMaker.UpdatePipeline")));
        api.verify(exactly(0), postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("SageMaker.CreatePipeline")));
        assertThat(body("UpdatePipeline").path("PipelineDefinition").asString()).contains("\"QualityGate\"");
    }

    @Test
    void followsAnExecutionWithItsFailureReason() {
        answer("DescribePipelineExecution", "{\"PipelineExecutionStatus\":\"Failed\",\"FailureReason\":\"quality gate failed\"}");

        String status = launcher.status("arn:aws:sagemaker:us-east-1:123456789012:pipeline/launchcast-training/execution/abc");

        assertThat(status).isEqualTo("Failed: quality gate failed");
        assertThat(body("DescribePipelineExecution").path("PipelineExecutionArn").asString()).endsWith("/execution/abc");
    }
}

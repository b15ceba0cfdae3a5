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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.launchcast.forecast.pipeline.GateThresholds;
import io.launchcast.forecast.pipeline.InvalidRunParametersException;
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
                new SageMakerPipelineProperties("launchcast-training", ROLE, "ml.m5.xlarge",
                        "curated/visuelle/v=1/_manifest.json", Map.of("rounds", "400", "seed", "42"))
                        .settings(IMAGE, "launchcast-prod", "launch-demand", new GateThresholds(60.0, 60, 95)),
                store, config, "visuelle", dataset -> dataset.equals("visuelle"));
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
        // Evaluate applies the quality gate with the run's thresholds and the registry's state
        assertThat(evaluate.path("Environment").path("MAX_WAPE").path("Get").asString()).isEqualTo("Parameters.MaxWape");
        assertThat(evaluate.path("Environment").path("COVERAGE_MIN").path("Get").asString())
                .isEqualTo("Parameters.CoverageMin");
        assertThat(evaluate.path("Environment").path("GROUP_SERVES_DATASET").path("Get").asString())
                .isEqualTo("Parameters.GroupServesDataset");
        assertThat(evaluate.path("Environment").path("MODEL_PACKAGE_GROUP").asString()).isEqualTo("launch-demand");
        assertThat(evaluate.path("ProcessingOutputConfig").path("Outputs").valueStream()
                .map(o -> o.path("OutputName").asString())).containsExactly("evaluation", "model");
        // each execution's outputs under its own id: a later execution never overwrites a registered model
        JsonNode modelOutput = evaluate.path("ProcessingOutputConfig").path("Outputs").get(1).path("S3Output")
                .path("S3Uri").path("Std:Join").path("Values");
        assertThat(modelOutput.get(0).asString()).isEqualTo("s3://launchcast-prod/pipeline/sagemaker/executions/");
        assertThat(modelOutput.get(1).path("Get").asString()).isEqualTo("Execution.PipelineExecutionId");
        assertThat(modelOutput.get(2).asString()).isEqualTo("/model");
        JsonNode gate = definition.path("Steps").get(3).path("Arguments");
        JsonNode condition = gate.path("Conditions").get(0);
        assertThat(condition.path("Type").asString()).isEqualTo("Equals");
        assertThat(condition.path("LeftValue").path("Std:JsonGet").path("Path").asString()).isEqualTo("gate.passed");
        assertThat(condition.path("LeftValue").path("Std:JsonGet").path("PropertyFile").path("Get").asString())
                .isEqualTo("Steps.Evaluate.PropertyFiles.Metrics");
        assertThat(condition.path("RightValue").asBoolean()).isTrue();
        JsonNode register = gate.path("IfSteps").get(0);
        assertThat(register.path("Type").asString()).isEqualTo("RegisterModel");
        assertThat(register.path("Arguments").path("ModelApprovalStatus").asString()).isEqualTo("PendingManualApproval");
        // what the gate let through (validation's choice or, on a first run, a baseline), not Train's output as such
        JsonNode modelData = register.path("Arguments").path("InferenceSpecification").path("Containers").get(0)
                .path("ModelDataUrl").path("Std:Join").path("Values");
        assertThat(modelData.get(0).path("Get").asString())
                .isEqualTo("Steps.Evaluate.ProcessingOutputConfig.Outputs['model'].S3Output.S3Uri");
        assertThat(modelData.get(1).asString()).isEqualTo("/model.tar.gz");
        assertThat(register.path("Arguments").path("ModelMetrics").path("ModelQuality").path("Statistics")
                .path("S3Uri").path("Std:Join").path("Values").get(1).asString()).isEqualTo("/evaluation.json");
        JsonNode fail = gate.path("ElseSteps").get(0);
        assertThat(fail.path("Type").asString()).isEqualTo("Fail");
        assertThat(fail.path("Arguments").path("ErrorMessage").path("Std:Join").path("Values").get(1)
                .path("Std:JsonGet").path("Path").asString()).isEqualTo("gate.message");

        JsonNode start = body("StartPipelineExecution");
        assertThat(start.path("PipelineName").asString()).isEqualTo("launchcast-training");
        Map<String, String> parameters = new java.util.TreeMap<>();
        start.path("PipelineParameters").forEach(p -> parameters.put(p.path("Name").asString(), p.path("Value").asString()));
        assertThat(parameters).containsEntry("MaxWape", "58").containsEntry("HpRounds", "400")
                .containsEntry("DatasetManifest", "curated/visuelle/v=1/_manifest.json")
                .as("the registry has a model trained on visuelle").containsEntry("GroupServesDataset", "true");
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
    void whetherTheGroupServesTheDatasetIsAskedOfTheRegistryNotTakenFromTheCaller() {
        answer("DescribePipeline", "{\"PipelineName\":\"launchcast-training\",\"PipelineStatus\":\"Active\"}");

        launcher.launch(Map.of("DatasetManifest", "curated/another/v=3/_manifest.json", "GroupServesDataset", "true"));

        assertThat(started()).containsEntry("GroupServesDataset", "false");
        assertThat(SageMakerRunParameters.datasetOf("curated/visuelle/v=1/_manifest.json")).contains("visuelle");
        assertThat(SageMakerRunParameters.datasetOf("")).isEmpty();
    }

    private static Map<String, String> started() {
        Map<String, String> parameters = new java.util.TreeMap<>();
        body("StartPipelineExecution").path("PipelineParameters")
                .forEach(p -> parameters.put(p.path("Name").asString(), p.path("Value").asString()));
        return parameters;
    }

    @Test
    void theApisRunParametersBecomeThePipelines() {
        answer("DescribePipeline", "{\"PipelineName\":\"launchcast-training\",\"PipelineStatus\":\"Active\"}");
        store.put("curated/another/v=20261101T000000Z-a/_manifest.json", "{}".getBytes(StandardCharsets.UTF_8), "application/json");
        store.put("curated/another/v=20261201T000000Z-b/_manifest.json", "{}".getBytes(StandardCharsets.UTF_8), "application/json");

        launcher.launch(Map.of("dataset", "another", "maxWape", "58", "rounds", "300", "trigger", "forecast drift"));

        assertThat(started()).containsEntry("DatasetManifest", "curated/another/v=20261201T000000Z-b/_manifest.json")
                .as("Prepare downloads that version only")
                .containsEntry("DatasetVersionUri", "s3://launchcast-prod/curated/another/v=20261201T000000Z-b/")
                .containsEntry("MaxWape", "58").containsEntry("HpRounds", "300").containsEntry("Trigger", "forecast drift");
    }

    @Test
    void runParametersThatCannotStartARunAreRefusedBeforeAnyCall() {
        store.put("curated/old/v=1/_manifest.json", "{}".getBytes(StandardCharsets.UTF_8), "application/json");
        store.put("curated/old/v=1/_withdrawn.json", ("{\"dataset\":\"old\",\"version\":\"1\",\"reason\":\"late rows\","
                + "\"withdrawnBy\":\"ops\",\"withdrawnAt\":\"2026-12-01T00:00:00Z\"}").getBytes(StandardCharsets.UTF_8),
                "application/json");

        assertThatThrownBy(() -> launcher.launch(Map.of("learningRate", "0.1")))
                .isInstanceOf(InvalidRunParametersException.class).hasMessageContaining("no parameter learningRate")
                .hasMessageContaining("HpRounds");
        assertThatThrownBy(() -> launcher.launch(Map.of("dataset", "never-ingested")))
                .hasMessageContaining("dataset never-ingested has no published version");
        assertThatThrownBy(() -> launcher.launch(Map.of("dataset", "old", "datasetVersion", "1")))
                .hasMessageContaining("was withdrawn by ops: late rows");
        assertThatThrownBy(() -> launcher.launch(Map.of("MaxWape", "")))
                .hasMessageContaining("parameter MaxWape is empty");
        assertThatThrownBy(() -> launcher.launch(Map.of("DatasetManifest", "curated/../x")))
                .hasMessageContaining("is not a curated version's manifest");
        assertThat(api.getAllServeEvents()).as("nothing reached SageMaker").isEmpty();
    }

    @Test
    void followsAnExecutionWithItsFailureReason() {
        answer("DescribePipelineExecution", "{\"PipelineExecutionStatus\":\"Failed\",\"FailureReason\":\"quality gate failed\"}");

        String status = launcher.status("arn:aws:sagemaker:us-east-1:123456789012:pipeline/launchcast-training/execution/abc");

        assertThat(status).isEqualTo("Failed: quality gate failed");
        assertThat(body("DescribePipelineExecution").path("PipelineExecutionArn").asString()).endsWith("/execution/abc");
    }
}

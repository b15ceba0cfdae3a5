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
import io.launchcast.forecast.pipeline.PipelineDefinition;
import io.launchcast.forecast.pipeline.PipelineRun;
import io.launchcast.forecast.pipeline.RunState;
import io.launchcast.forecast.pipeline.StepState;
import io.launchcast.forecast.testing.SageMakerTestClients;
import io.launchcast.platform.testing.LocalObjectStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** In aws mode, runs start and are followed on SageMaker Pipelines: the calls and their mapping, on the wire. */
class SageMakerPipelineExecutionsRequestShapeTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String PIPELINE = "arn:aws:sagemaker:us-east-1:123456789012:pipeline/launchcast-training";
    static final String RUNNING = PIPELINE + "/execution/run2";
    static final String FAILED = PIPELINE + "/execution/run1";

    WireMockServer api;
    SageMakerPipelineExecutions executions;

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws Exception {
        api = new WireMockServer(options().dynamicPort());
        api.start();
        SageMakerClient client = SageMakerTestClients.against(api);
        SageMakerPipelineLauncher launcher = new SageMakerPipelineLauncher(client, new SageMakerPipelineDefinition(JSON),
                new SageMakerPipelineSettings("launchcast-training", "arn:aws:iam::123456789012:role/sm",
                        "123456789012.dkr.ecr.us-east-1.amazonaws.com/launchcast-forecast:1", "launchcast",
                        "launch-demand", "ml.m5.xlarge", Map.of("MaxWape", "60", "DatasetManifest", "curated/visuelle/v=1/_manifest.json")),
                LocalObjectStores.onLocalCloud(),
                Files.writeString(dir.resolve("training.yml"), "horizon: 12\n"), "visuelle", dataset -> false);
        executions = new SageMakerPipelineExecutions(client, launcher, "launchcast-training");
        answer("ListPipelineExecutions", "{\"PipelineExecutionSummaries\":["
                + "{\"PipelineExecutionArn\":\"" + RUNNING + "\",\"PipelineExecutionStatus\":\"Executing\",\"StartTime\":1764835200},"
                + "{\"PipelineExecutionArn\":\"" + FAILED + "\",\"PipelineExecutionStatus\":\"Failed\",\"StartTime\":1764748800,"
                + "\"PipelineExecutionFailureReason\":\"Step QualityGate failed\"}]}");
        answer("DescribePipelineExecution", "{\"PipelineExecutionArn\":\"" + RUNNING + "\",\"PipelineExecutionStatus\":"
                + "\"Executing\",\"CreationTime\":1764835200,\"LastModifiedTime\":1764835500}");
        answer("ListPipelineExecutionSteps", "{\"PipelineExecutionSteps\":["
                + "{\"StepName\":\"Prepare\",\"StepStatus\":\"Succeeded\",\"StartTime\":1764835200,\"EndTime\":1764835260,"
                + "\"CacheHitResult\":{\"SourcePipelineExecutionArn\":\"" + FAILED + "\"}},"
                + "{\"StepName\":\"Train\",\"StepStatus\":\"Succeeded\",\"StartTime\":1764835260,\"EndTime\":1764835400,\"AttemptCount\":2},"
                + "{\"StepName\":\"Evaluate\",\"StepStatus\":\"Executing\",\"StartTime\":1764835400}]}");
        answer("DescribePipeline", "{\"PipelineArn\":\"" + PIPELINE + "\"}");
        answer("UpdatePipeline", "{\"PipelineArn\":\"" + PIPELINE + "\"}");
        answer("StartPipelineExecution", "{\"PipelineExecutionArn\":\"" + RUNNING + "\"}");
    }

    @AfterEach
    void stop() {
        api.stop();
    }

    private void answer(String operation, String body) {
        api.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("SageMaker." + operation))
                .willReturn(okJson(body).withHeader("Content-Type", "application/x-amz-json-1.1")));
    }

    private JsonNode body(String operation) {
        var requests = api.findAll(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("SageMaker." + operation)));
        assertThat(requests).as(operation + " calls").isNotEmpty();
        return JSON.readTree(requests.get(requests.size() - 1).getBodyAsString());
    }

    @Test
    void aRunIsFollowedByItsExecutionIdWithSageMakersStepsInTheLocalRunnersStates() {
        PipelineRun run = executions.find("run2").orElseThrow();

        assertThat(body("ListPipelineExecutions").path("PipelineName").asString()).isEqualTo("launchcast-training");
        assertThat(body("DescribePipelineExecution").path("PipelineExecutionArn").asString()).isEqualTo(RUNNING);
        assertThat(body("ListPipelineExecutionSteps").path("PipelineExecutionArn").asString()).isEqualTo(RUNNING);
        assertThat(run.id()).isEqualTo("run2");
        assertThat(run.state()).isEqualTo(RunState.RUNNING);
        assertThat(run.percentDone()).isEqualTo(40);
        assertThat(run.steps()).extracting(PipelineRun.StepRun::name, PipelineRun.StepRun::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Prepare", StepState.CACHED),
                        org.assertj.core.groups.Tuple.tuple("Train", StepState.SUCCEEDED),
                        org.assertj.core.groups.Tuple.tuple("Evaluate", StepState.RUNNING));
        assertThat(run.steps().get(1).durationMillis()).isEqualTo(140_000L);
        assertThat(run.steps().get(1).attempts()).isEqualTo(2);
        assertThat(executions.find("nope")).isEmpty();
        assertThat(executions.find("../x")).as("not an execution id").isEmpty();
    }

    @Test
    void theListShowsEveryExecutionNewestFirstAndAFailureWithItsReason() {
        List<PipelineRun> runs = executions.runs();

        assertThat(body("ListPipelineExecutions").path("SortOrder").asString()).isEqualTo("Descending");
        assertThat(runs).extracting(PipelineRun::id).containsExactly("run2", "run1");
        assertThat(runs.get(1).state()).isEqualTo(RunState.FAILED);
        assertThat(runs.get(1).failure()).isEqualTo("Step QualityGate failed");
    }

    @Test
    void startingARunStartsAnExecutionAndAnswersWithIt() {
        PipelineRun run = executions.start(new PipelineDefinition("cold-start-training", List.of()),
                Map.of("MaxWape", "58"));

        assertThat(body("StartPipelineExecution").path("PipelineName").asString()).isEqualTo("launchcast-training");
        assertThat(run.id()).isEqualTo("run2");
        assertThat(run.state()).isEqualTo(RunState.RUNNING);
    }
}

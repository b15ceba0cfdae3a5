package io.launchcast.forecast.batch.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.launchcast.forecast.batch.BatchForecastJob;
import io.launchcast.forecast.batch.BatchForecastRequest;
import io.launchcast.forecast.batch.BatchForecastRunner;
import io.launchcast.forecast.batch.BatchProperties;
import io.launchcast.forecast.capture.CaptureSink;
import io.launchcast.forecast.serving.ChampionModel;
import io.launchcast.forecast.serving.FixedCurveServingModelAccess;
import io.launchcast.forecast.serving.ForecastService;
import io.launchcast.forecast.testing.SageMakerTestClients;
import io.launchcast.localcloud.LocalCloudExtension;
import io.launchcast.platform.objectstore.ObjectStore;
import io.launchcast.platform.testing.LocalObjectStores;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * aws mode's batch path end to end: {@code POST /batch-forecasts}' runner with the SageMaker backend, the real
 * SDK client against a local HTTP server standing in for SageMaker, and job records in the local S3.
 */
@ExtendWith(LocalCloudExtension.class)
class SageMakerTransformBatchForecastsIT {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String PACKAGE = "arn:aws:sagemaker:us-east-1:123456789012:model-package/launch-demand/3";
    static final String JSON_TYPE = "application/x-amz-json-1.1";

    WireMockServer sageMaker;
    ExecutorService jobs;
    ObjectStore store;
    BatchForecastRunner runner;

    @BeforeEach
    void start() {
        sageMaker = new WireMockServer(options().dynamicPort());
        sageMaker.start();
        store = LocalObjectStores.onLocalCloud();
        ChampionModel champion = new ChampionModel("launch-demand");
        champion.swap(FixedCurveServingModelAccess.model("launch-demand/3"));
        var transform = new SageMakerBatchTransform(SageMakerTestClients.against(sageMaker),
                "arn:aws:iam::123456789012:role/launchcast", "ml.m5.xlarge");
        var remote = new SageMakerTransformBatchForecasts(transform, champion,
                version -> version.equals("launch-demand/3") ? PACKAGE : null, Duration.ofMillis(20), Clock.systemUTC());
        jobs = Executors.newSingleThreadExecutor();
        runner = new BatchForecastRunner(store, JSON, champion, new ForecastService(champion, Clock.systemUTC()),
                CaptureSink.discarding(), new BatchProperties(10, 1, "-", 8), jobs, Clock.systemUTC(), remote,
                new SimpleMeterRegistry());
        stub("DescribeModel", aResponse().withStatus(400).withHeader("Content-Type", JSON_TYPE)
                .withBody("{\"__type\":\"ValidationException\",\"message\":\"Could not find model\"}"));
        stub("CreateModel", okJson("{\"ModelArn\":\"arn:aws:sagemaker:us-east-1:123456789012:model/m\"}"));
    }

    @AfterEach
    void stop() {
        jobs.shutdownNow();
        sageMaker.stop();
    }

    private void stub(String operation, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer) {
        sageMaker.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("SageMaker." + operation))
                .willReturn(answer.withHeader("Content-Type", JSON_TYPE)));
    }

    /** DescribeTransformJob answers each of {@code answers} in turn, the last one from then on. */
    private void describeAnswers(String... answers) {
        String state = Scenario.STARTED;
        for (int i = 0; i < answers.length; i++) {
            String next = i + 1 < answers.length ? "poll-" + (i + 1) : state;
            var response = answers[i].startsWith("{\"__type\"")
                    ? aResponse().withStatus(400).withBody(answers[i]) : okJson(answers[i]);
            sageMaker.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("SageMaker.DescribeTransformJob"))
                    .inScenario("transform").whenScenarioStateIs(state).willSetStateTo(next)
                    .willReturn(response.withHeader("Content-Type", JSON_TYPE)));
            state = next;
        }
    }

    private BatchForecastJob submitAndWait() {
        String input = "batch-input/" + UUID.randomUUID() + "/products.jsonl";
        store.put(input, "{\"productId\":\"a\",\"attributes\":{},\"launchDate\":\"2026-03-02\"}\n"
                .getBytes(StandardCharsets.UTF_8), "application/jsonlines");
        BatchForecastJob job = runner.submit(new BatchForecastRequest(store.uri(input).toString(),
                store.uri("batch-output/" + UUID.randomUUID() + "/").toString()));
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            String state = runner.find(job.id()).orElseThrow().state();
            return state.equals("SUCCEEDED") || state.equals("FAILED");
        });
        return runner.find(job.id()).orElseThrow();
    }

    private JsonNode onlyRequest(String operation) {
        var requests = sageMaker.findAll(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("SageMaker." + operation)));
        assertThat(requests).as(operation).hasSize(1);
        return JSON.readTree(requests.get(0).getBodyAsString());
    }

    @Test
    void aJobBecomesATransformJobOfTheChampionsPackageAndSucceedsWithIt() {
        describeAnswers("{\"__type\":\"ValidationException\",\"message\":\"Could not find requested job\"}",
                "{\"TransformJobStatus\":\"InProgress\"}", "{\"TransformJobStatus\":\"Completed\"}");
        stub("CreateTransformJob", okJson("{\"TransformJobArn\":\"arn:aws:sagemaker:us-east-1:1:transform-job/t\"}"));

        BatchForecastJob done = submitAndWait();

        assertThat(done.state()).isEqualTo("SUCCEEDED");
        assertThat(done.percentDone()).isEqualTo(100);
        assertThat(done.modelVersion()).isEqualTo("launch-demand/3");
        JsonNode create = onlyRequest("CreateTransformJob");
        assertThat(create.path("TransformJobName").asString()).isEqualTo("launchcast-" + done.id());
        assertThat(create.path("TransformInput").path("DataSource").path("S3DataSource").path("S3Uri").asString())
                .isEqualTo(done.inputUri());
        assertThat(create.path("TransformOutput").path("S3OutputPath").asString()).isEqualTo(done.outputPrefix());
        assertThat(onlyRequest("CreateModel").path("PrimaryContainer").path("ModelPackageName").asString())
                .isEqualTo(PACKAGE);
    }

    @Test
    void aFailedTransformFailsTheJobWithSageMakersReason() {
        describeAnswers("{\"__type\":\"ValidationException\",\"message\":\"Could not find requested job\"}",
                "{\"TransformJobStatus\":\"Failed\",\"FailureReason\":\"ClientError: line 7 is not JSON\"}");
        stub("CreateTransformJob", okJson("{\"TransformJobArn\":\"arn:aws:sagemaker:us-east-1:1:transform-job/t\"}"));

        BatchForecastJob done = submitAndWait();

        assertThat(done.state()).isEqualTo("FAILED");
        assertThat(done.error()).contains("ClientError: line 7 is not JSON");
    }

    @Test
    void aTransformAlreadyRunningIsFollowedNotStartedAgain() {
        describeAnswers("{\"TransformJobStatus\":\"InProgress\"}", "{\"TransformJobStatus\":\"Completed\"}");

        BatchForecastJob done = submitAndWait();

        assertThat(done.state()).isEqualTo("SUCCEEDED");
        assertThat(sageMaker.findAll(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("SageMaker.CreateTransformJob")))).isEmpty();
    }
}

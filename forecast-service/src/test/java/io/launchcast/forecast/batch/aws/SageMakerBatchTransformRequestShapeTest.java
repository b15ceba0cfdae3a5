package io.launchcast.forecast.batch.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import io.launchcast.forecast.testing.SageMakerTestClients;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** CreateModel, CreateTransformJob and DescribeTransformJob as SageMaker receives them. */
class SageMakerBatchTransformRequestShapeTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String PACKAGE = "arn:aws:sagemaker:us-east-1:123456789012:model-package/launch-demand/3";
    static WireMockServer api;
    static SageMakerBatchTransform transform;

    @BeforeAll
    static void start() {
        api = new WireMockServer(options().dynamicPort());
        api.start();
        SageMakerClient client = SageMakerTestClients.against(api);
        transform = new SageMakerBatchTransform(client, "arn:aws:iam::123456789012:role/launchcast", "ml.m5.xlarge");
    }

    @AfterAll
    static void stop() {
        api.stop();
    }

    private static void answer(String operation, String body) {
        api.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("SageMaker." + operation))
                .willReturn(okJson(body).withHeader("Content-Type", "application/x-amz-json-1.1")));
    }

    private static JsonNode body(String operation) {
        var requests = api.findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("SageMaker." + operation)));
        assertThat(requests).as(operation).hasSize(1);
        return JSON.readTree(requests.get(0).getBodyAsString());
    }

    @Test
    void createsTheModelFromThePackageThenALineSplitMultiRecordJobJoinedToItsInput() {
        api.resetAll();
        api.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("SageMaker.DescribeModel"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"__type\":\"ValidationException\",\"message\":\"Could not find model\"}")));
        answer("CreateModel", "{\"ModelArn\":\"arn:aws:sagemaker:us-east-1:123456789012:model/launchcast-launch-demand-3\"}");
        answer("CreateTransformJob", "{\"TransformJobArn\":\"arn:aws:sagemaker:us-east-1:123456789012:transform-job/bf-1\"}");

        transform.start("bf-1", PACKAGE, "s3://launchcast/batch-input/products.jsonl", "s3://launchcast/batch-output/bf-1/");

        JsonNode model = body("CreateModel");
        assertThat(model.path("ModelName").asString()).isEqualTo("launchcast-launch-demand-3");
        assertThat(model.path("PrimaryContainer").path("ModelPackageName").asString()).isEqualTo(PACKAGE);
        JsonNode job = body("CreateTransformJob");
        assertThat(job.path("TransformJobName").asString()).isEqualTo("bf-1");
        assertThat(job.path("ModelName").asString()).isEqualTo("launchcast-launch-demand-3");
        assertThat(job.path("BatchStrategy").asString()).isEqualTo("MultiRecord");
        assertThat(job.path("TransformInput").path("SplitType").asString()).isEqualTo("Line");
        assertThat(job.path("TransformInput").path("ContentType").asString()).isEqualTo("application/jsonlines");
        assertThat(job.path("TransformInput").path("DataSource").path("S3DataSource").path("S3Uri").asString())
                .isEqualTo("s3://launchcast/batch-input/products.jsonl");
        assertThat(job.path("DataProcessing").path("JoinSource").asString()).isEqualTo("Input");
        assertThat(job.path("TransformOutput").path("AssembleWith").asString()).isEqualTo("Line");
        assertThat(job.path("TransformResources").path("InstanceType").asString()).isEqualTo("ml.m5.xlarge");
    }

    @Test
    void followsTheJobUntilItEnds() {
        api.resetAll();
        api.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("SageMaker.DescribeTransformJob"))
                .inScenario("job").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("done")
                .willReturn(okJson("{\"TransformJobName\":\"bf-1\",\"TransformJobStatus\":\"InProgress\"}")));
        api.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("SageMaker.DescribeTransformJob"))
                .inScenario("job").whenScenarioStateIs("done")
                .willReturn(okJson("{\"TransformJobName\":\"bf-1\",\"TransformJobStatus\":\"Completed\"}")));
        List<String> seen = new ArrayList<>();

        var done = transform.follow("bf-1", Duration.ofMillis(10), job -> seen.add(job.transformJobStatusAsString()));

        assertThat(seen).containsExactly("InProgress", "Completed");
        assertThat(done.transformJobStatusAsString()).isEqualTo("Completed");
    }
}

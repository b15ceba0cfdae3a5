package io.launchcast.forecast.registry.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.launchcast.forecast.registry.ApprovalStatus;
import io.launchcast.forecast.registry.ModelRegistryContract;
import io.launchcast.forecast.registry.ModelVersion;
import io.launchcast.forecast.registry.PipelineRegistration;
import io.launchcast.platform.objectstore.aws.S3ObjectStore;
import io.launchcast.platform.testing.LocalObjectStores;
import io.launchcast.forecast.testing.SageMakerTestClients;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SageMaker Model Registry adapter sends the calls SageMaker expects: the real SDK client talks to a local
 * HTTP server that answers as SageMaker would and records each request, whose operation and fields are then
 * asserted. Artifacts go to the S3 stand-in, as they would go to S3.
 */
class SageMakerModelRegistryRequestShapeTest {

    static final String IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/launchcast-forecast:0.1.0";
    static final String ARN = "arn:aws:sagemaker:us-east-1:123456789012:model-package/launch-demand/1";

    static WireMockServer sageMakerApi;
    static SageMakerModelRegistry registry;
    static S3ObjectStore store;

    @BeforeAll
    static void start() {
        sageMakerApi = new WireMockServer(options().dynamicPort());
        sageMakerApi.start();
        store = LocalObjectStores.onLocalCloud();
        registry = new SageMakerModelRegistry(SageMakerTestClients.against(sageMakerApi), store, JsonMapper.builder().build(), IMAGE);
    }

    @AfterAll
    static void stop() {
        sageMakerApi.stop();
    }

    @BeforeEach
    void reset() {
        sageMakerApi.resetAll();
    }

    private static void answer(String operation, String json) {
        sageMakerApi.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("SageMaker." + operation))
                .willReturn(okJson(json).withHeader("Content-Type", "application/x-amz-json-1.1")));
    }

    private static String describeAnswer(String sha, String status) {
        String base = "models/launch-demand/artifacts/" + sha + "/";
        return """
                {"ModelPackageName":"launch-demand","ModelPackageGroupName":"launch-demand","ModelPackageVersion":1,
                 "ModelPackageArn":"%s","ModelApprovalStatus":"%s","CreationTime":1764000000,
                 "LastModifiedTime":1764000600,"ApprovalDescription":"ok (by alice)","ModelPackageStatus":"Completed",
                 "CustomerMetadataProperties":{"artifactKey":"%sartifact.bin","artifactSha256":"%s",
                   "lineageKey":"%slineage.json","metric.wape":"54.2"}}
                """.formatted(ARN, status, base, sha, base);
    }

    @Test
    void registerCreatesTheGroupThenAPendingModelPackagePointingAtTheArtifactInS3() throws Exception {
        sageMakerApi.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("SageMaker.DescribeModelPackageGroup"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"__type\":\"ValidationException\",\"message\":\"ModelPackageGroup launch-demand does not exist.\"}")));
        answer("CreateModelPackageGroup", "{\"ModelPackageGroupArn\":\"arn:aws:sagemaker:us-east-1:123456789012:model-package-group/launch-demand\"}");
        answer("CreateModelPackage", "{\"ModelPackageArn\":\"" + ARN + "\"}");
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest("model-a".getBytes(StandardCharsets.UTF_8)));
        answer("DescribeModelPackage", describeAnswer(sha, "PendingManualApproval"));

        ModelVersion version = registry.register(ModelRegistryContract.registration("launch-demand", "model-a", 54.2));

        sageMakerApi.verify(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("SageMaker.CreateModelPackageGroup"))
                .withRequestBody(matchingJsonPath("$.ModelPackageGroupName", equalTo("launch-demand"))));
        sageMakerApi.verify(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("SageMaker.CreateModelPackage"))
                .withHeader("Content-Type", containing("application/x-amz-json-1.1"))
                .withRequestBody(matchingJsonPath("$.ModelPackageGroupName", equalTo("launch-demand")))
                .withRequestBody(matchingJsonPath("$.ModelApprovalStatus", equalTo("PendingManualApproval")))
                .withRequestBody(matchingJsonPath("$.InferenceSpecification.Containers[0].Image", equalTo(IMAGE)))
                .withRequestBody(matchingJsonPath("$.InferenceSpecification.Containers[0].ModelDataUrl",
                        equalTo("s3://launchcast/models/launch-demand/artifacts/" + sha + "/artifact.bin")))
                .withRequestBody(matchingJsonPath("$.InferenceSpecification.SupportedContentTypes[2]", equalTo("text/csv")))
                .withRequestBody(matchingJsonPath("$.CustomerMetadataProperties['metric.wape']", equalTo("54.2")))
                .withRequestBody(matchingJsonPath("$.CustomerMetadataProperties.trainingSetHash", equalTo("sha256:ts"))));
        assertThat(store.read("models/launch-demand/artifacts/" + sha + "/artifact.bin")).asString(StandardCharsets.UTF_8)
                .isEqualTo("model-a");
        assertThat(version.version()).isEqualTo(1);
        assertThat(version.status()).isEqualTo(ApprovalStatus.PendingManualApproval);
        assertThat(version.lineage().featureDefinitionsVersion()).isEqualTo("features-1");
        assertThat(version.metrics()).containsEntry("wape", 54.2);
    }

    @Test
    void approvalUpdatesTheModelPackageStatusWithTheReason() throws Exception {
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest("model-a".getBytes(StandardCharsets.UTF_8)));
        // what an earlier registration left in S3
        store.put("models/launch-demand/artifacts/" + sha + "/lineage.json", JsonMapper.builder().build()
                .writeValueAsBytes(ModelRegistryContract.registration("launch-demand", "model-a", 54.2).lineage()),
                "application/json");
        answer("ListModelPackages", "{\"ModelPackageSummaryList\":[{\"ModelPackageArn\":\"" + ARN
                + "\",\"ModelPackageGroupName\":\"launch-demand\",\"ModelPackageVersion\":1,"
                + "\"CreationTime\":1764000000,\"ModelPackageStatus\":\"Completed\",\"ModelApprovalStatus\":\"PendingManualApproval\"}]}");
        answer("UpdateModelPackage", "{\"ModelPackageArn\":\"" + ARN + "\"}");
        answer("DescribeModelPackage", describeAnswer(sha, "Approved"));

        ModelVersion approved = registry.decide("launch-demand", 1, ApprovalStatus.Approved, "beats baseline", "alice");

        sageMakerApi.verify(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("SageMaker.ListModelPackages"))
                .withRequestBody(matchingJsonPath("$.ModelPackageGroupName", equalTo("launch-demand"))));
        sageMakerApi.verify(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("SageMaker.UpdateModelPackage"))
                .withRequestBody(matchingJsonPath("$.ModelPackageArn", equalTo(ARN)))
                .withRequestBody(matchingJsonPath("$.ModelApprovalStatus", equalTo("Approved")))
                .withRequestBody(matchingJsonPath("$.ApprovalDescription", equalTo("beats baseline (by alice)"))));
        assertThat(approved.status()).isEqualTo(ApprovalStatus.Approved);
        assertThat(approved.history()).hasSize(1);
    }

    private static String pipelineDescribeAnswer(String modelDataUrl) {
        return """
                {"ModelPackageName":"launch-demand","ModelPackageGroupName":"launch-demand","ModelPackageVersion":2,
                 "ModelPackageArn":"%s","ModelApprovalStatus":"PendingManualApproval","CreationTime":1764000000,
                 "ModelPackageStatus":"Completed",
                 "InferenceSpecification":{"Containers":[{"Image":"%s","ModelDataUrl":"%s"}],
                   "SupportedContentTypes":["text/csv"],"SupportedResponseMIMETypes":["text/csv"]}}
                """.formatted(ARN.replace("/1", "/2"), IMAGE, modelDataUrl);
    }

    @Test
    void aPackageTheTrainingPipelineRegisteredIsReadFromTheFilesBesideItsModelData() throws Exception {
        JsonMapper json = JsonMapper.builder().build();
        String folder = "pipeline/sagemaker/executions/exec1/model/";
        byte[] artifact = "model-b".getBytes(StandardCharsets.UTF_8);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(artifact));
        store.put(folder + PipelineRegistration.ARTIFACT, artifact, "application/octet-stream");
        store.put(folder + PipelineRegistration.LINEAGE, json.writeValueAsBytes(
                ModelRegistryContract.registration("launch-demand", "model-b", 53.1).lineage()), "application/json");
        store.put(folder + PipelineRegistration.FILE, json.writeValueAsBytes(new PipelineRegistration(
                PipelineRegistration.ARTIFACT, sha, PipelineRegistration.LINEAGE, java.util.Map.of("wape", 53.1),
                PipelineRegistration.MONITORING)), "application/json");
        for (String file : new String[] {"statistics.json", "constraints.json", "forecast-statistics.json"}) {
            store.put(folder + PipelineRegistration.MONITORING + file, ("{\"file\":\"" + file + "\"}")
                    .getBytes(StandardCharsets.UTF_8), "application/json");
        }
        answer("ListModelPackages", "{\"ModelPackageSummaryList\":[{\"ModelPackageArn\":\"" + ARN.replace("/1", "/2")
                + "\",\"ModelPackageGroupName\":\"launch-demand\",\"ModelPackageVersion\":2,"
                + "\"CreationTime\":1764000000,\"ModelPackageStatus\":\"Completed\"}]}");
        answer("DescribeModelPackage", pipelineDescribeAnswer("s3://launchcast/" + folder + PipelineRegistration.MODEL_DATA));

        ModelVersion version = registry.version("launch-demand", 2);

        assertThat(version.metrics()).containsEntry("wape", 53.1);
        assertThat(version.lineage().featureDefinitionsVersion()).isEqualTo("features-1");
        assertThat(version.artifactKey()).isEqualTo(folder + PipelineRegistration.ARTIFACT);
        assertThat(registry.artifact("launch-demand", 2)).as("read and checked against its hash").isEqualTo(artifact);
        // its monitoring baseline, where the monitor reads version 2's, once SageMaker gave it that number
        for (String file : new String[] {"statistics.json", "constraints.json", "forecast-statistics.json"}) {
            assertThat(store.read("monitoring/baselines/launch-demand/v2/" + file)).asString(StandardCharsets.UTF_8)
                    .contains(file);
        }
    }

    @Test
    void aPackageRegisteredByNeitherIsRefusedByItsArn() {
        answer("ListModelPackages", "{\"ModelPackageSummaryList\":[{\"ModelPackageArn\":\"" + ARN.replace("/1", "/2")
                + "\",\"ModelPackageGroupName\":\"launch-demand\",\"ModelPackageVersion\":2,"
                + "\"CreationTime\":1764000000,\"ModelPackageStatus\":\"Completed\"}]}");
        answer("DescribeModelPackage", pipelineDescribeAnswer("s3://elsewhere/model.tar.gz"));

        assertThatThrownBy(() -> registry.versions("launch-demand")).isInstanceOf(SageMakerRegistryException.class)
                .hasMessageContaining("model-package/launch-demand/2").hasMessageContaining("registered neither");
    }
}

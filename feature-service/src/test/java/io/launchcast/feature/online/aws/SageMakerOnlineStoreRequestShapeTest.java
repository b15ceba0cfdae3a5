package io.launchcast.feature.online.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.launchcast.feature.group.FeatureGroupCatalog;
import io.launchcast.feature.group.FeatureRecord;
import io.launchcast.feature.online.OnlineStoreException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemakerfeaturestoreruntime.SageMakerFeatureStoreRuntimeClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * PutRecord, GetRecord and BatchGetRecord as SageMaker Feature Store runtime receives them, and the
 * DescribeFeatureGroup / UpdateFeatureGroup calls that add new features to a group before they are written.
 */
class SageMakerOnlineStoreRequestShapeTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final FeatureGroupCatalog CATALOG = new FeatureGroupCatalog("1", "product_id", "event_time",
            List.of("attr."), List.of(new FeatureGroupCatalog.GroupDeclaration("launch-attributes", "test",
                    List.of("attr.", "level", "count"))));
    static WireMockServer api;
    static SageMakerFeatureStoreRuntimeClient runtime;
    static SageMakerClient sageMaker;
    static SageMakerOnlineStore store;

    @BeforeAll
    static void start() {
        api = new WireMockServer(options().dynamicPort());
        api.start();
        runtime = SageMakerFeatureStoreRuntimeClient.builder().endpointOverride(URI.create(api.baseUrl()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        sageMaker = SageMakerClient.builder().endpointOverride(URI.create(api.baseUrl()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        store = storeWaiting(Duration.ofSeconds(30));
    }

    /** A store whose schema updates poll every few milliseconds and give up after {@code timeout}. */
    static SageMakerOnlineStore storeWaiting(Duration timeout) {
        return new SageMakerOnlineStore(runtime, CATALOG, new FeatureGroupSchemas(sageMaker, Duration.ofMillis(5), timeout));
    }

    @AfterAll
    static void stop() {
        api.stop();
    }

    @BeforeEach
    void reset() {
        api.resetAll();
    }

    @Test
    void putRecordSendsIdentifierEventTimeAndTypedValues() {
        api.stubFor(put(anyUrl()).willReturn(aResponse().withStatus(200)));
        describeAnswers(Scenario.STARTED, null, groupOf("Successful", null, "attr-2e-category", "level", "count"));

        storeWaiting(Duration.ofSeconds(30)).put("launch-attributes", List.of(new FeatureRecord("5081", Instant.parse("2019-04-17T00:00:00Z"),
                Map.of("attr.category", "culottes", "level", 51.5, "count", 12.0))));

        var requests = api.findAll(putRequestedFor(urlEqualTo("/FeatureGroup/launch-attributes")));
        assertThat(requests).hasSize(1);
        JsonNode record = JSON.readTree(requests.get(0).getBodyAsString()).path("Record");
        Map<String, String> values = new java.util.LinkedHashMap<>();
        record.forEach(v -> values.put(v.path("FeatureName").asString(), v.path("ValueAsString").asString()));
        assertThat(values).containsEntry("product_id", "5081").containsEntry("event_time", "2019-04-17T00:00:00Z")
                .containsEntry("attr-2e-category", "culottes").containsEntry("level", "51.5").containsEntry("count", "12.0");
    }

    @Test
    void newFeaturesAreAddedToTheGroupAndTheUpdateAwaitedBeforeTheFirstPutRecord() {
        api.stubFor(put(anyUrl()).willReturn(aResponse().withStatus(200)));
        // the group knows one of the three features; the update is in progress once before it succeeds
        describeAnswers(Scenario.STARTED, null, groupOf("Successful", null, "attr-2e-category"));
        describeAnswers("updating", "updated", groupOf("InProgress", null, "attr-2e-category"));
        describeAnswers("updated", null, groupOf("Successful", null, "attr-2e-category", "level", "count"));
        api.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("SageMaker.UpdateFeatureGroup"))
                .inScenario("group").willSetStateTo("updating")
                .willReturn(okJson("{\"FeatureGroupArn\":\"arn:aws:sagemaker:us-east-1:1:feature-group/launch-attributes\"}")));
        SageMakerOnlineStore fresh = storeWaiting(Duration.ofSeconds(30));
        FeatureRecord record = new FeatureRecord("5081", Instant.parse("2019-04-17T00:00:00Z"),
                Map.of("attr.category", "culottes", "level", 51.5, "count", 12.0));

        fresh.put("launch-attributes", List.of(record));

        JsonNode update = sageMakerBody("UpdateFeatureGroup").get(0);
        assertThat(update.path("FeatureGroupName").asString()).isEqualTo("launch-attributes");
        Map<String, String> additions = new java.util.TreeMap<>();
        update.path("FeatureAdditions").forEach(d -> additions.put(d.path("FeatureName").asString(),
                d.path("FeatureType").asString()));
        assertThat(additions).isEqualTo(Map.of("level", "Fractional", "count", "Fractional"));
        assertThat(sageMakerBody("DescribeFeatureGroup")).hasSize(3)
                .allSatisfy(d -> assertThat(d.path("FeatureGroupName").asString()).isEqualTo("launch-attributes"));
        assertThat(operationsInOrder()).containsExactly("SageMaker.DescribeFeatureGroup",
                "SageMaker.UpdateFeatureGroup", "SageMaker.DescribeFeatureGroup", "SageMaker.DescribeFeatureGroup",
                "PutRecord");

        // the group now has them: the next write goes straight to PutRecord
        fresh.put("launch-attributes", List.of(record));
        assertThat(sageMakerBody("DescribeFeatureGroup")).hasSize(3);
        assertThat(api.findAll(putRequestedFor(urlEqualTo("/FeatureGroup/launch-attributes")))).hasSize(2);
    }

    @Test
    void aFailedUpdateFailsTheWriteWithSageMakersReasonAndWritesNothing() {
        api.stubFor(put(anyUrl()).willReturn(aResponse().withStatus(200)));
        describeAnswers(Scenario.STARTED, null, groupOf("Successful", null));
        describeAnswers("updating", null, groupOf("Failed", "too many features", "level"));
        api.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("SageMaker.UpdateFeatureGroup"))
                .inScenario("group").willSetStateTo("updating").willReturn(okJson("{}")));

        assertThatThrownBy(() -> storeWaiting(Duration.ofSeconds(30)).put("launch-attributes", List.of(
                new FeatureRecord("5081", Instant.parse("2019-04-17T00:00:00Z"), Map.of("level", 51.5)))))
                .isInstanceOf(OnlineStoreException.class).hasMessageContaining("too many features");
        assertThat(api.findAll(putRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void anUpdateStillInProgressAfterTheTimeoutFailsTheWrite() {
        api.stubFor(put(anyUrl()).willReturn(aResponse().withStatus(200)));
        describeAnswers(Scenario.STARTED, null, groupOf("Successful", null));
        describeAnswers("updating", null, groupOf("InProgress", null, "level"));
        api.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("SageMaker.UpdateFeatureGroup"))
                .inScenario("group").willSetStateTo("updating").willReturn(okJson("{}")));

        assertThatThrownBy(() -> storeWaiting(Duration.ofMillis(50)).put("launch-attributes", List.of(
                new FeatureRecord("5081", Instant.parse("2019-04-17T00:00:00Z"), Map.of("level", 51.5)))))
                .isInstanceOf(OnlineStoreException.class).hasMessageContaining("InProgress")
                .hasMessageContaining("update-timeout");
        assertThat(api.findAll(putRequestedFor(anyUrl()))).isEmpty();
    }

    /** DescribeFeatureGroup answers {@code body} in scenario state {@code state}, then moves to {@code next}. */
    private static void describeAnswers(String state, String next, String body) {
        var stub = post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("SageMaker.DescribeFeatureGroup"))
                .inScenario("group").whenScenarioStateIs(state)
                .willReturn(okJson(body).withHeader("Content-Type", "application/x-amz-json-1.1"));
        api.stubFor(next == null ? stub : stub.willSetStateTo(next));
    }

    /** A DescribeFeatureGroup answer: identifier, event time and {@code features}, with the last update's status. */
    private static String groupOf(String status, String failureReason, String... features) {
        StringBuilder definitions = new StringBuilder("{\"FeatureName\":\"product_id\",\"FeatureType\":\"String\"},"
                + "{\"FeatureName\":\"event_time\",\"FeatureType\":\"String\"}");
        for (String feature : features) {
            definitions.append(",{\"FeatureName\":\"").append(feature).append("\",\"FeatureType\":\"")
                    .append(feature.startsWith("attr") ? "String" : "Fractional").append("\"}");
        }
        return "{\"FeatureGroupName\":\"launch-attributes\",\"FeatureDefinitions\":[" + definitions + "],"
                + "\"LastUpdateStatus\":{\"Status\":\"" + status + "\""
                + (failureReason == null ? "" : ",\"FailureReason\":\"" + failureReason + "\"") + "}}";
    }

    private static List<JsonNode> sageMakerBody(String operation) {
        return api.findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("SageMaker." + operation)))
                .stream().map(r -> JSON.readTree(r.getBodyAsString())).toList();
    }

    /** The operations the server received, oldest first: X-Amz-Target, or PutRecord for the runtime's PUT. */
    private static List<String> operationsInOrder() {
        List<String> operations = new ArrayList<>(api.getAllServeEvents().stream().map(e -> e.getRequest())
                .map(r -> r.getMethod().getName().equals("PUT") ? "PutRecord" : r.getHeader("X-Amz-Target")).toList());
        java.util.Collections.reverse(operations); // the journal lists the newest first
        return operations;
    }

    @Test
    void getRecordAsksByIdentifierAndDecodesTypes() {
        api.stubFor(get(urlPathEqualTo("/FeatureGroup/launch-attributes")).willReturn(okJson("""
                {"Record":[{"FeatureName":"product_id","ValueAsString":"5081"},
                           {"FeatureName":"event_time","ValueAsString":"2019-04-17T00:00:00Z"},
                           {"FeatureName":"attr-2e-category","ValueAsString":"culottes"},
                           {"FeatureName":"level","ValueAsString":"51.5"}]}""")));

        FeatureRecord record = store.get("launch-attributes", "5081").orElseThrow();

        api.verify(getRequestedFor(urlPathEqualTo("/FeatureGroup/launch-attributes"))
                .withQueryParam("RecordIdentifierValueAsString", equalTo("5081")));
        assertThat(record.values()).containsEntry("attr.category", "culottes").containsEntry("level", 51.5);
        assertThat(record.eventTime()).isEqualTo(Instant.parse("2019-04-17T00:00:00Z"));
    }

    @Test
    void featureNamesRoundTripThroughSageMakersAlphabet() {
        for (String name : List.of("attr.category", "cohort.category&color.level_recent", "signal.fabric.slope")) {
            String encoded = FeatureNames.encode(name);
            assertThat(encoded).matches("[a-zA-Z0-9]([-_]*[a-zA-Z0-9])*");
            assertThat(FeatureNames.decode(encoded)).isEqualTo(name);
        }
    }

    @Test
    void batchGetSplitsIntoChunksOfTheApiLimit() {
        api.stubFor(post(urlEqualTo("/BatchGetRecord")).willReturn(okJson("{\"Records\":[],\"Errors\":[],\"UnprocessedIdentifiers\":[]}")));
        List<String> ids = new ArrayList<>(IntStream.range(0, 250).mapToObj(Integer::toString).toList());

        store.getAll("launch-attributes", ids);

        var requests = api.findAll(postRequestedFor(urlEqualTo("/BatchGetRecord")));
        assertThat(requests).hasSize(3);
        JsonNode first = JSON.readTree(requests.get(0).getBodyAsString()).path("Identifiers").get(0);
        assertThat(first.path("FeatureGroupName").asString()).isEqualTo("launch-attributes");
        assertThat(first.path("RecordIdentifiersValueAsString").size()).isEqualTo(100);
        assertThat(JSON.readTree(requests.get(2).getBodyAsString()).path("Identifiers").get(0)
                .path("RecordIdentifiersValueAsString").size()).isEqualTo(50);
    }
}

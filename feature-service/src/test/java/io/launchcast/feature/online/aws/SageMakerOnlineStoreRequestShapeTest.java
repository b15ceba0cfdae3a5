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

import com.github.tomakehurst.wiremock.WireMockServer;
import io.launchcast.feature.group.FeatureGroupCatalog;
import io.launchcast.feature.group.FeatureRecord;
import java.net.URI;
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
import software.amazon.awssdk.services.sagemakerfeaturestoreruntime.SageMakerFeatureStoreRuntimeClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** PutRecord, GetRecord and BatchGetRecord as SageMaker Feature Store runtime receives them. */
class SageMakerOnlineStoreRequestShapeTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final FeatureGroupCatalog CATALOG = new FeatureGroupCatalog("1", "product_id", "event_time",
            List.of("attr."), List.of(new FeatureGroupCatalog.GroupDeclaration("launch-attributes", "test",
                    List.of("attr.", "level", "count"))));
    static WireMockServer api;
    static SageMakerOnlineStore store;

    @BeforeAll
    static void start() {
        api = new WireMockServer(options().dynamicPort());
        api.start();
        var runtime = SageMakerFeatureStoreRuntimeClient.builder().endpointOverride(URI.create(api.baseUrl()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        store = new SageMakerOnlineStore(runtime, CATALOG);
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

        store.put("launch-attributes", List.of(new FeatureRecord("5081", Instant.parse("2019-04-17T00:00:00Z"),
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

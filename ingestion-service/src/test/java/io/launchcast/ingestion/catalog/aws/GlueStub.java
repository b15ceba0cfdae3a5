package io.launchcast.ingestion.catalog.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.Extension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A local HTTP server speaking Glue's JSON 1.1 protocol, and the real SDK client pointed at it. */
final class GlueStub implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();

    final WireMockServer server;
    final GlueClient client;

    /** @param extensions e.g. a listener acting as the Glue job when StartJobRun arrives */
    GlueStub(Extension... extensions) {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort().extensions(extensions));
        server.start();
        client = GlueClient.builder().endpointOverride(URI.create("http://localhost:" + server.port()))
                .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("k", "s"))).build();
    }

    static MappingBuilder operation(String name) {
        return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AWSGlue." + name));
    }

    void answer(String operation, int status, String body) {
        server.stubFor(operation(operation).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/x-amz-json-1.1").withBody(body)));
    }

    /** Operations the client sent, in order. */
    List<String> operations() {
        return server.getAllServeEvents().stream()
                .sorted(java.util.Comparator.comparing(e -> e.getRequest().getLoggedDate()))
                .map(e -> e.getRequest().getHeader("X-Amz-Target").replace("AWSGlue.", "")).toList();
    }

    /** Bodies of every request of one operation, in order. */
    List<JsonNode> bodies(String operation) {
        return server.getAllServeEvents().stream().map(e -> e.getRequest())
                .sorted(java.util.Comparator.comparing(LoggedRequest::getLoggedDate))
                .filter(r -> r.getHeader("X-Amz-Target").equals("AWSGlue." + operation))
                .map(r -> JSON.readTree(r.getBodyAsString())).toList();
    }

    @Override
    public void close() {
        client.close();
        server.stop();
    }
}

package io.launchcast.forecast.testing;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/** The real SageMaker SDK client, pointed at a local HTTP server that plays SageMaker in request-shape tests. */
public final class SageMakerTestClients {

    private SageMakerTestClients() {
    }

    public static SageMakerClient against(WireMockServer server) {
        return SageMakerClient.builder().endpointOverride(URI.create(server.baseUrl()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}

package io.launchcast.monitor.retraining;

import io.launchcast.platform.security.ServiceTokens;
import io.launchcast.platform.security.SecurityProperties;
import java.net.http.HttpClient;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Starts the training pipeline over forecast-service's HTTP API as the {@code data} role: with the configured
 * token, else (local mode) the suite's generated one from {@code launchcast.security.tokens} or its tokens file.
 */
@Component
class HttpRetrainingTrigger implements RetrainingTrigger {

    private static final String ROLE = "data";

    private final RetrainingProperties properties;
    private final SecurityProperties security;
    private final RestClient client;

    HttpRetrainingTrigger(RetrainingProperties properties, SecurityProperties security) {
        this.properties = properties;
        this.security = security;
        // HTTP/1.1: the services speak nothing else, and the JDK client's h2c upgrade attempt on a POST with a
        // body is refused by some servers
        this.client = RestClient.builder().baseUrl(properties.forecastUrl().toString()).requestFactory(new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build())).build();
    }

    @Override
    public String start(String reason) {
        var response = client.post().uri("/pipeline-runs").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token())
                .body(Map.of("parameters", Map.of("trigger", reason))).retrieve().toBodilessEntity();
        return String.valueOf(response.getHeaders().getLocation());
    }

    private String token() {
        return ServiceTokens.token(security, ROLE, properties.token());
    }
}

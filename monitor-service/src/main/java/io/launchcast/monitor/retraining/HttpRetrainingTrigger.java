package io.launchcast.monitor.retraining;

import io.launchcast.platform.security.SecurityProperties;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.util.Map;
import java.util.Properties;
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

    /** Read on each call: the suite may write its tokens file after this service started. */
    private String token() {
        if (!properties.token().isBlank()) {
            return properties.token();
        }
        if (security.tokens().containsKey(ROLE)) {
            return security.tokens().get(ROLE);
        }
        if (security.tokensFile() != null) {
            Properties tokens = new Properties();
            try (Reader in = Files.newBufferedReader(security.tokensFile(), StandardCharsets.UTF_8)) {
                tokens.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the tokens file " + security.tokensFile(), e);
            }
            return tokens.getProperty(ROLE, "");
        }
        return "";
    }
}

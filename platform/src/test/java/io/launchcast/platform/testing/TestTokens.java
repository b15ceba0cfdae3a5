package io.launchcast.platform.testing;

import org.springframework.http.HttpHeaders;
import org.springframework.web.client.RestClient;

/**
 * Test kit: the bearer tokens the build gives every test JVM (the root pom sets
 * {@code launchcast.security.tokens.<role>} for surefire and failsafe), and HTTP clients that send them. An
 * integration test calls a service as a caller of some role: {@code TestTokens.client(port)} as admin, or
 * {@code TestTokens.client(port, "forecasting")} as a planning app.
 */
public final class TestTokens {

    private TestTokens() {
    }

    /** The token of {@code role} in this test run. */
    public static String token(String role) {
        String token = System.getProperty("launchcast.security.tokens." + role);
        if (token == null) {
            throw new IllegalStateException("no test token for role " + role + ": run the test through Maven (the"
                    + " root pom sets launchcast.security.tokens.*), or set the system property yourself");
        }
        return token;
    }

    /** A client of the service on {@code port} that authenticates as admin and never throws on a status. */
    public static RestClient client(int port) {
        return client(port, "admin");
    }

    /** A client of the service on {@code port} that authenticates as {@code role} and never throws on a status. */
    public static RestClient client(int port, String role) {
        return builder(port, role).defaultStatusHandler(status -> true, (request, response) -> { }).build();
    }

    /** A client builder for {@code role} (statuses handled as RestClient does by default). */
    public static RestClient.Builder builder(int port, String role) {
        return RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token(role));
    }
}

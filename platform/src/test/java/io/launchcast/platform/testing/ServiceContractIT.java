package io.launchcast.platform.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * What every service answers, whatever it does: readiness on the local stand-ins, and problem details for an
 * unknown path and for a malformed JSON body. A service's test extends it with {@code @SpringBootTest(webEnvironment
 * = RANDOM_PORT)} and {@code @ExtendWith(LocalCloudExtension.class)}.
 */
public abstract class ServiceContractIT {

    @LocalServerPort
    protected int port;

    protected RestClient client() {
        return TestTokens.builder(port, "admin")
                .defaultStatusHandler(status -> true, (request, response) -> { }).build();
    }

    @Test
    void isReadyOnTheLocalStandIns() {
        String health = client().get().uri("/actuator/health/readiness").retrieve().body(String.class);

        assertThat(health).contains("\"status\":\"UP\"");
    }

    @Test
    void answersUnknownPathWithProblemDetails() {
        ResponseEntity<String> response = client().get().uri("/no-such-thing").retrieve().toEntity(String.class);

        assertThat(response.getStatusCode().value()).isEqualTo(404);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody()).contains("https://launchcast.io/problems/not-found");
    }

    @Test
    void answersMalformedJsonWithProblemDetails() {
        org.junit.jupiter.api.Assumptions.assumeTrue(postPath() != null, "this service takes no JSON body yet");
        ResponseEntity<String> response = client().post().uri(postPath()).contentType(MediaType.APPLICATION_JSON)
                .body("{\"this is\": not json").retrieve().toEntity(String.class);

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody()).contains("https://launchcast.io/problems/malformed-body");
    }

    /** A path of the service that takes a JSON body, or null if it has none. */
    protected abstract String postPath();
}

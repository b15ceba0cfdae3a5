package io.launchcast.feature;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchcast.localcloud.LocalCloudExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/** The service starts on the local stand-ins, reports UP and answers unknown paths with a problem. */
@ExtendWith(LocalCloudExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FeatureApplicationIT {

    @LocalServerPort
    int port;

    @Test
    void isReadyOnTheLocalStandIns() {
        String health = RestClient.create("http://localhost:" + port).get().uri("/actuator/health/readiness")
                .retrieve().body(String.class);

        assertThat(health).contains("\"status\":\"UP\"");
    }

    @Test
    void answersUnknownPathWithProblemDetails() {
        var response = RestClient.create("http://localhost:" + port).get().uri("/no-such-thing")
                .retrieve().onStatus(status -> true, (request, reply) -> { }).toEntity(String.class);

        assertThat(response.getStatusCode().value()).isEqualTo(404);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody()).contains("https://launchcast.io/problems/not-found");
    }
}

package io.launchcast.forecast.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.launchcast.localcloud.LocalCloud;
import io.launchcast.localcloud.LocalCloudExtension;
import io.launchcast.platform.testing.TestTokens;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The registry's REST API on the running service: listing, approval with events, rollback, problems. */
@ExtendWith(LocalCloudExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "launchcast.registry.default-group=rest-it")
class ModelsControllerIT {

    @LocalServerPort
    int port;
    @Autowired
    ModelLifecycle lifecycle;

    private RestClient client() {
        return TestTokens.builder(port, "admin")
                .defaultStatusHandler(status -> true, (request, response) -> { }).build();
    }

    @Test
    void approvalViaRestMakesChampionPublishesEventAndRollbackReturnsToPrevious() {
        lifecycle.register(ModelRegistryContract.registration("rest-it", "m1", 56.0));
        lifecycle.register(ModelRegistryContract.registration("rest-it", "m2", 54.0));

        ResponseEntity<String> approved1 = client().post().uri("/models/1/approval").contentType(MediaType.APPLICATION_JSON)
                .body("{\"decision\":\"approve\",\"reason\":\"beats baseline\",\"decidedBy\":\"alice\"}")
                .retrieve().toEntity(String.class);
        client().post().uri("/models/2/approval").contentType(MediaType.APPLICATION_JSON)
                .body("{\"decision\":\"approve\",\"reason\":\"better\"}").retrieve().toEntity(String.class);

        assertThat(approved1.getStatusCode().value()).isEqualTo(200);
        assertThat(approved1.getBody()).contains("\"status\":\"Approved\"")
                .as("the authenticated caller decided, for the person the body names")
                .contains("\"decidedBy\":\"local-admin (for alice)\"");
        ResponseEntity<String> byPlanner = TestTokens.client(port, "forecasting").post().uri("/models/1/approval")
                .contentType(MediaType.APPLICATION_JSON).body("{\"decision\":\"reject\",\"reason\":\"no\"}")
                .retrieve().toEntity(String.class);
        assertThat(byPlanner.getStatusCode().value()).as("a planning app's token cannot approve").isEqualTo(403);
        assertThat(byPlanner.getBody()).contains("https://launchcast.io/problems/forbidden");
        assertThat(client().get().uri("/models").retrieve().body(String.class)).contains("\"champion\":2");
        List<String> bodies = monitorQueueMessagesMentioning("rest-it", 3);
        assertThat(bodies).anyMatch(b -> b.contains("\"status\":\"Approved\"") && b.contains("\"modelVersion\":\"2\""));

        ResponseEntity<String> rolledBack = client().post().uri("/models/champion/rollback")
                .contentType(MediaType.APPLICATION_JSON).body("{\"reason\":\"bias on AW19\"}")
                .retrieve().toEntity(String.class);
        assertThat(rolledBack.getBody()).contains("\"version\":1");
        assertThat(client().get().uri("/models/champion").retrieve().body(String.class)).contains("\"version\":1");
    }

    @Test
    void badRequestsAreProblemsNamingTheField() {
        lifecycle.register(ModelRegistryContract.registration("rest-it", "m", 50.0));

        ResponseEntity<String> missingReason = client().post().uri("/models/1/approval")
                .contentType(MediaType.APPLICATION_JSON).body("{\"decision\":\"approve\"}").retrieve().toEntity(String.class);
        ResponseEntity<String> badDecision = client().post().uri("/models/1/approval")
                .contentType(MediaType.APPLICATION_JSON).body("{\"decision\":\"maybe\",\"reason\":\"x\"}")
                .retrieve().toEntity(String.class);
        ResponseEntity<String> unknown = client().get().uri("/models/999").retrieve().toEntity(String.class);
        ResponseEntity<String> malformed = client().post().uri("/models/1/approval")
                .contentType(MediaType.APPLICATION_JSON).body("{\"decision\":").retrieve().toEntity(String.class);

        assertThat(missingReason.getStatusCode().value()).isEqualTo(400);
        assertThat(missingReason.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(missingReason.getBody()).contains("\"field\":\"reason\"");
        assertThat(badDecision.getStatusCode().value()).isEqualTo(400);
        assertThat(badDecision.getBody()).contains("decision");
        assertThat(unknown.getStatusCode().value()).isEqualTo(404);
        assertThat(unknown.getBody()).contains("unknown-model-version");
        assertThat(malformed.getStatusCode().value()).isEqualTo(400);
        assertThat(malformed.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    private static List<String> monitorQueueMessagesMentioning(String text, int atLeast) {
        LocalCloud cloud = LocalCloudExtension.localCloud();
        try (SqsClient sqs = SqsClient.builder().endpointOverride(cloud.sqsEndpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(cloud.settings().accessKey(), cloud.settings().secretKey())))
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            String url = sqs.getQueueUrl(b -> b.queueName("launchcast-monitor-events")).queueUrl();
            List<String> bodies = new CopyOnWriteArrayList<>();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1)).messages()
                        .forEach(m -> {
                            if (m.body().contains(text)) {
                                bodies.add(m.body());
                            }
                        });
                return bodies.size() >= atLeast;
            });
            return bodies;
        }
    }
}

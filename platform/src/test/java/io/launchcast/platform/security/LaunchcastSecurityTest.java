package io.launchcast.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchcast.localcloud.LocalCloudExtension;
import io.launchcast.platform.testing.TestTokens;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/**
 * The suite's access control on a real server: tokens per role from configuration, rules per path and method,
 * 401 and 403 as problem details, open health and SageMaker contract, and no token in the logs.
 */
@ExtendWith({LocalCloudExtension.class, OutputCaptureExtension.class})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "launchcast.security.access[0].paths=/forecasts",
        "launchcast.security.access[0].roles=forecasting",
        "launchcast.security.access[1].methods=POST",
        "launchcast.security.access[1].paths=/models/*/approval",
        "launchcast.security.access[1].roles=approval",
        "launchcast.http.max-request-size=1KB",
        "management.cloudwatch.metrics.export.enabled=false"})
class LaunchcastSecurityTest {

    @LocalServerPort
    int port;

    private ResponseEntity<String> call(RestClient client, String method, String path) {
        return (method.equals("GET") ? client.get().uri(path) : client.post().uri(path)).retrieve()
                .toEntity(String.class);
    }

    private RestClient anonymous() {
        return RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultStatusHandler(s -> true, (q, r) -> { }).build();
    }

    @Test
    void withoutATokenEveryProtectedEndpointAnswersA401ProblemAndHealthAndTheSageMakerContractStayOpen() {
        ResponseEntity<String> refused = call(anonymous(), "POST", "/forecasts");

        assertThat(refused.getStatusCode().value()).isEqualTo(401);
        assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(refused.getBody()).contains("https://launchcast.io/problems/unauthenticated");
        assertThat(refused.getHeaders().getFirst("WWW-Authenticate")).startsWith("Bearer");
        assertThat(call(anonymous(), "GET", "/actuator/health").getStatusCode().value()).isEqualTo(200);
        assertThat(call(anonymous(), "GET", "/actuator/health").getBody()).doesNotContain("details");
        assertThat(call(anonymous(), "GET", "/ping").getStatusCode().value()).isEqualTo(200);
        assertThat(call(anonymous(), "GET", "/anything-else").getStatusCode().value()).isEqualTo(401);
    }

    @Test
    void aPlanningAppsTokenForecastsButCannotApproveAndTheApprovalNamesWhoDecided() {
        RestClient planner = TestTokens.client(port, "forecasting");
        RestClient approver = TestTokens.client(port, "approval");

        assertThat(call(planner, "POST", "/forecasts").getStatusCode().value()).isEqualTo(200);
        ResponseEntity<String> forbidden = call(planner, "POST", "/models/3/approval");
        assertThat(forbidden.getStatusCode().value()).isEqualTo(403);
        assertThat(forbidden.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(forbidden.getBody()).contains("https://launchcast.io/problems/forbidden");

        ResponseEntity<String> approved = call(approver, "POST", "/models/3/approval");
        assertThat(approved.getStatusCode().value()).isEqualTo(200);
        assertThat(approved.getBody()).isEqualTo("approved by local-approval");
        assertThat(call(approver, "POST", "/forecasts").getStatusCode().value()).isEqualTo(403);
        assertThat(call(TestTokens.client(port, "admin"), "POST", "/forecasts").getStatusCode().value())
                .isEqualTo(200);
        assertThat(call(planner, "GET", "/anything-else").getStatusCode().value()).as("unnamed paths need admin")
                .isEqualTo(403);
    }

    @Test
    void anUnknownTokenIsRefusedAndNoTokenEverReachesTheLog(CapturedOutput output) {
        String planted = "planted-secret-token-0123456789";
        RestClient impostor = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeader("Authorization", "Bearer " + planted).defaultStatusHandler(s -> true, (q, r) -> { })
                .build();

        ResponseEntity<String> refused = call(impostor, "POST", "/forecasts");
        call(TestTokens.client(port, "forecasting"), "POST", "/forecasts");

        assertThat(refused.getStatusCode().value()).isEqualTo(401);
        assertThat(refused.getBody()).contains("not valid").doesNotContain(planted);
        assertThat(output.getAll()).doesNotContain(planted).doesNotContain(TestTokens.token("forecasting"));
    }

    @Test
    void aJwtsGroupsBecomeItsRolesAndAdminGrantsThemAll() {
        Jwt jwt = new Jwt("t", Instant.now(), Instant.now().plusSeconds(60), Map.of("alg", "none"),
                Map.of("sub", "u1", "cognito:groups", List.of("approval", "some-other-group")));

        var authentication = LaunchcastSecurityConfiguration.rolesFrom("cognito:groups", "launchcast/").convert(jwt);

        assertThat(authentication.getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .filteredOn(a -> a.startsWith("ROLE_")).containsExactly("ROLE_approval");
        assertThat(LocalTokens.authorities(Role.ADMIN)).hasSize(Role.values().length);
    }

    @Test
    void aMachineClientsScopesOfTheResourceServerBecomeItsRoles() {
        // a Cognito client-credentials access token: no groups, the granted scopes space-separated
        Jwt jwt = new Jwt("t", Instant.now(), Instant.now().plusSeconds(60), Map.of("alg", "none"),
                Map.of("sub", "monitor-client", "client_id", "monitor-client",
                        "scope", "launchcast/data other-server/approval launchcast/not-a-role"));

        var authentication = LaunchcastSecurityConfiguration.rolesFrom("cognito:groups", "launchcast/").convert(jwt);

        assertThat(authentication.getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .filteredOn(a -> a.startsWith("ROLE_")).containsExactly("ROLE_data");
    }

    @Test
    void anEncodedSlashInThePathIsAProblemNotTheContainersHtmlPage() {
        ResponseEntity<String> rejected = call(TestTokens.client(port, "admin"), "GET", "/models/a%2Fb");

        assertThat(rejected.getStatusCode().value()).isEqualTo(400);
        assertThat(rejected.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(rejected.getBody()).contains("malformed-request").doesNotContain("<html");
    }

    @Test
    void aBodyOverTheConfiguredMaximumIsA413ProblemDeclaredOrChunked() {
        RestClient admin = TestTokens.client(port, "admin");
        byte[] big = new byte[4096];
        java.util.Arrays.fill(big, (byte) 'a');

        ResponseEntity<String> declared = admin.post().uri("/forecasts").contentType(MediaType.TEXT_PLAIN).body(big)
                .retrieve().toEntity(String.class);
        ResponseEntity<String> chunked = admin.post().uri("/echo").contentType(MediaType.APPLICATION_JSON)
                .body((org.springframework.http.StreamingHttpOutputMessage.Body) out -> {
                    out.write('"');
                    out.write(big);
                    out.write('"');
                }).retrieve().toEntity(String.class);

        assertThat(declared.getStatusCode().value()).isEqualTo(413);
        assertThat(declared.getBody()).contains("request-too-large").contains("1024 bytes");
        assertThat(chunked.getStatusCode().value()).isEqualTo(413);
        assertThat(chunked.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void everyResponseCarriesARequestIdTheCallersWhenSane() {
        RestClient admin = TestTokens.client(port, "admin");

        ResponseEntity<String> mine = admin.post().uri("/forecasts").header("X-Request-Id", "planner-42")
                .retrieve().toEntity(String.class);
        ResponseEntity<String> insane = admin.post().uri("/forecasts").header("X-Request-Id", "a b\tc")
                .retrieve().toEntity(String.class);

        assertThat(mine.getHeaders().getFirst("X-Request-Id")).isEqualTo("planner-42");
        assertThat(insane.getHeaders().getFirst("X-Request-Id")).matches("[0-9a-f-]{36}");
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @RestController
    static class App {

        @PostMapping("/forecasts")
        String forecast() {
            return "forecast";
        }

        @PostMapping("/models/3/approval")
        String approve(Principal principal) {
            return "approved by " + principal.getName();
        }

        @PostMapping("/echo")
        String echo(@org.springframework.web.bind.annotation.RequestBody String body) {
            return body;
        }

        @GetMapping("/ping")
        String ping() {
            return "";
        }

        @GetMapping("/anything-else")
        String other() {
            return "other";
        }
    }
}

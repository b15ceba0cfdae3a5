package io.launchcast.monitor.retraining;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.launchcast.platform.security.SecurityProperties;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

/**
 * The retraining call of aws mode: a local HTTP server plays both the identity provider's token endpoint and
 * forecast-service. The monitor obtains a token with the client-credentials grant (its id and secret, the data
 * scope), sends it as the bearer of {@code POST /pipeline-runs}, and reuses it until it expires.
 */
@ExtendWith(OutputCaptureExtension.class)
class ClientCredentialsRetrainingTest {

    static final String SECRET = "client-secret-that-must-never-be-logged";
    static final String ISSUED = "eyJraWQiOiJ0ZXN0In0.issued-access-token.signature";

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({RetrainingProperties.class, SecurityProperties.class})
    static class Properties {
    }

    WireMockServer server;
    ApplicationContextRunner runner;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
        server.stubFor(post(urlEqualTo("/oauth2/token")).willReturn(okJson("{\"access_token\":\"" + ISSUED
                + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
        server.stubFor(post(urlEqualTo("/pipeline-runs")).willReturn(aResponse().withStatus(202)
                .withHeader("Location", server.baseUrl() + "/pipeline-runs/run-1")));
        runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(OAuth2ClientAutoConfiguration.class))
                .withUserConfiguration(Properties.class, RetrainingConfiguration.class)
                .withPropertyValues(
                        "launchcast.monitor.retraining.forecast-url=" + server.baseUrl(),
                        "launchcast.monitor.retraining.client-registration=forecast-service",
                        "spring.security.oauth2.client.registration.forecast-service.provider=launchcast",
                        "spring.security.oauth2.client.registration.forecast-service.client-id=monitor-client",
                        "spring.security.oauth2.client.registration.forecast-service.client-secret=" + SECRET,
                        "spring.security.oauth2.client.registration.forecast-service.authorization-grant-type=client_credentials",
                        "spring.security.oauth2.client.registration.forecast-service.scope=launchcast/data",
                        "spring.security.oauth2.client.provider.launchcast.token-uri=" + server.baseUrl() + "/oauth2/token");
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void sendsTheTokenIssuedForTheClientCredentialsGrantAndReusesItUntilItExpires(CapturedOutput output) {
        runner.run(context -> {
            RetrainingTrigger trigger = context.getBean(RetrainingTrigger.class);

            String run = trigger.start("drift-launch-demand-price");
            trigger.start("quality-launch-demand-wape");

            assertThat(run).isEqualTo(server.baseUrl() + "/pipeline-runs/run-1");
            var tokenRequests = server.findAll(postRequestedFor(urlEqualTo("/oauth2/token")));
            assertThat(tokenRequests).hasSize(1);
            String form = java.net.URLDecoder.decode(tokenRequests.get(0).getBodyAsString(), StandardCharsets.UTF_8);
            assertThat(form).contains("grant_type=client_credentials").contains("scope=launchcast/data");
            assertThat(tokenRequests.get(0).getHeader("Authorization")).isEqualTo("Basic " + Base64.getEncoder()
                    .encodeToString(("monitor-client:" + SECRET).getBytes(StandardCharsets.UTF_8)));

            server.verify(exactly(2), postRequestedFor(urlEqualTo("/pipeline-runs")));
            server.verify(postRequestedFor(urlEqualTo("/pipeline-runs"))
                    .withHeader("Authorization", equalTo("Bearer " + ISSUED))
                    .withHeader("Content-Type", equalTo("application/json"))
                    .withRequestBody(equalToJson("{\"parameters\":{\"trigger\":\"drift-launch-demand-price\"}}")));
            assertThat(output.getAll()).doesNotContain(SECRET);
        });
    }

    @Test
    void localModeSendsTheSuitesGeneratedDataToken() {
        new ApplicationContextRunner()
                .withUserConfiguration(Properties.class, RetrainingConfiguration.class)
                .withPropertyValues("launchcast.monitor.retraining.forecast-url=" + server.baseUrl(),
                        "launchcast.security.tokens.data=generated-data-token")
                .run(context -> {
                    context.getBean(RetrainingTrigger.class).start("drift-launch-demand-price");

                    server.verify(postRequestedFor(urlEqualTo("/pipeline-runs"))
                            .withHeader("Authorization", equalTo("Bearer generated-data-token")));
                    server.verify(exactly(0), postRequestedFor(urlEqualTo("/oauth2/token")));
                });
    }

    @Test
    void aRegistrationThatDoesNotExistStopsTheStart() {
        runner.withPropertyValues("launchcast.monitor.retraining.client-registration=nobody")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("'nobody'"));
    }
}

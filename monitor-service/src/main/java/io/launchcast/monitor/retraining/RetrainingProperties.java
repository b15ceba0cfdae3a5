package io.launchcast.monitor.retraining;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where retraining runs are started, and as whom.
 *
 * @param forecastUrl base URL of forecast-service
 * @param clientRegistration aws mode: the OAuth2 client registration
 *        ({@code spring.security.oauth2.client.registration.<id>}) whose client-credentials token, with the scope
 *        of the {@code data} role, authenticates each call; empty: the bearer token below
 * @param token local mode: bearer token of a caller with the {@code data} role (pipeline runs belong to it,
 *        docs/adr/0093); empty: the suite's generated one
 */
@Validated
@ConfigurationProperties("launchcast.monitor.retraining")
public record RetrainingProperties(@DefaultValue("http://127.0.0.1:8083") @NotNull URI forecastUrl,
        @DefaultValue("") String clientRegistration, @DefaultValue("") String token) {
}

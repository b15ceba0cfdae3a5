package io.launchcast.monitor.retraining;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where retraining runs are started.
 *
 * @param forecastUrl base URL of forecast-service
 * @param token bearer token of a caller with the {@code data} role (pipeline runs belong to it, docs/adr/0093)
 */
@Validated
@ConfigurationProperties("launchcast.monitor.retraining")
public record RetrainingProperties(@DefaultValue("http://127.0.0.1:8083") @NotNull URI forecastUrl,
        @DefaultValue("") String token) {
}

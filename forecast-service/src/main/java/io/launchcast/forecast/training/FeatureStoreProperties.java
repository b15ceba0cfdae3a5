package io.launchcast.forecast.training;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The feature store the training pipeline takes its training sets from.
 *
 * @param url base URL of the feature-service
 * @param token bearer token of a caller with the {@code data} role; empty: the suite's generated one (local mode)
 * @param timeout longest a training set may take (the first request for new definitions computes the features)
 */
@Validated
@ConfigurationProperties("launchcast.training.feature-store")
public record FeatureStoreProperties(@DefaultValue("http://127.0.0.1:8082") @NotNull URI url,
        @DefaultValue("") String token, @DefaultValue("30m") @NotNull Duration timeout) {
}

package io.launchcast.feature.online.aws;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the aws online store waits for SageMaker Feature Store when a feature group gains features.
 *
 * @param updatePollInterval how often DescribeFeatureGroup is asked while an UpdateFeatureGroup is in progress
 * @param updateTimeout how long an update may stay in progress before the write fails (SageMaker usually
 *        finishes in seconds to a few minutes)
 */
@Validated
@ConfigurationProperties("launchcast.online-store.sagemaker")
public record SageMakerFeatureStoreProperties(@DefaultValue("5s") @NotNull Duration updatePollInterval,
        @DefaultValue("10m") @NotNull Duration updateTimeout) {
}

package io.launchcast.forecast.registry;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Model registry settings.
 *
 * @param type {@code local} (registry kept in the object store) or {@code aws} (SageMaker Model Registry)
 * @param defaultGroup the group the REST API and serving use when none is named
 * @param sagemakerImageUri inference image registered with each SageMaker model package (aws mode)
 */
@Validated
@ConfigurationProperties("launchcast.registry")
public record RegistryProperties(@DefaultValue("local") String type,
        @DefaultValue("launch-demand") @NotBlank String defaultGroup,
        @DefaultValue("") String sagemakerImageUri) {
}

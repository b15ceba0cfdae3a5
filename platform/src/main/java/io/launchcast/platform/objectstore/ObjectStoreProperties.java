package io.launchcast.platform.objectstore;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where the suite keeps its objects.
 *
 * @param bucket the one bucket every service reads and writes (layout by key prefix, see docs/architecture.md)
 */
@Validated
@ConfigurationProperties("launchcast.object-store")
public record ObjectStoreProperties(@NotBlank String bucket) {
}

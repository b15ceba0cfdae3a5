package io.launchcast.forecast.pipeline;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Pipeline runner settings.
 *
 * @param codeVersion part of every cache key; left empty, it is derived from the running code
 *        ({@link CodeVersion}), so a build whose steps compute something else never reuses older outputs
 * @param maxAttempts tries per step before the run fails (a quality-gate decision is never retried)
 * @param retryBackoff wait before the second attempt; grows linearly with the attempt number
 */
@Validated
@ConfigurationProperties("launchcast.pipeline")
public record PipelineProperties(@DefaultValue("") String codeVersion, @DefaultValue("3") @Min(1) int maxAttempts,
        @DefaultValue("2s") Duration retryBackoff) {
}

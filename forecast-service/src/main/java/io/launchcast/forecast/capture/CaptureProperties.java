package io.launchcast.forecast.capture;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Data capture settings.
 *
 * @param samplingPercentage share of inferences captured, 0 to 100
 * @param endpointName first level of the capture prefix, as SageMaker names it after the endpoint
 * @param bufferCapacity records held in memory at most; beyond, new records are counted as dropped
 * @param flushInterval longest time a record waits before it is written
 * @param maxRecordsPerFile records per capture object
 * @param retention how long captured records are kept ({@link CaptureRetention}); 0 keeps them forever
 */
@Validated
@ConfigurationProperties("launchcast.capture")
public record CaptureProperties(@DefaultValue("100") @Min(0) @Max(100) int samplingPercentage,
        @DefaultValue("launchcast-forecast") String endpointName, @DefaultValue("20000") @Min(1) int bufferCapacity,
        @DefaultValue("5s") Duration flushInterval, @DefaultValue("5000") @Min(1) int maxRecordsPerFile,
        @DefaultValue("30d") Duration retention) {

    public CaptureProperties {
        if (retention.isNegative()) {
            throw new IllegalArgumentException("launchcast.capture.retention must not be negative: " + retention);
        }
    }
}

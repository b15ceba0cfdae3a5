package io.launchcast.monitor.capture;

import java.time.Instant;
import java.util.Map;

/**
 * One product of one captured inference, as the monitor sees it.
 *
 * @param inferenceId the capture's {@code eventMetadata.inferenceId}
 * @param at the capture's {@code eventMetadata.inferenceTime}
 * @param productId the product the forecast was for
 * @param modelVersion the model version that answered, or null when the output does not say
 * @param features feature values: {@link Double} for numbers, {@link String} otherwise
 */
public record CapturedRecord(String inferenceId, Instant at, String productId, String modelVersion,
        Map<String, Object> features) {
}

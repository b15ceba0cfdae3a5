package io.launchcast.forecast.batch;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * @param inputUri s3:// URI of a JSON Lines ({@code .jsonl}) or CSV ({@code .csv}) object of products, one per line
 * @param outputPrefix s3:// URI prefix the parts and the completion record are written under
 * @param explain whether output lines carry explanations (default yes)
 * @param captureSamplingPercentage share of the job's inferences sent to data capture, 0 to 100 (default: the
 *        service's {@code launchcast.capture.sampling-percentage}); a large job rarely needs every one for drift
 */
public record BatchForecastRequest(@NotBlank @Size(max = 2048) String inputUri,
        @NotBlank @Size(max = 2048) String outputPrefix, Boolean explain,
        @Min(0) @Max(100) Integer captureSamplingPercentage) {

    public BatchForecastRequest(String inputUri, String outputPrefix) {
        this(inputUri, outputPrefix, null, null);
    }

    public BatchForecastRequest(String inputUri, String outputPrefix, Boolean explain) {
        this(inputUri, outputPrefix, explain, null);
    }
}

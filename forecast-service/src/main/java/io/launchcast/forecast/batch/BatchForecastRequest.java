package io.launchcast.forecast.batch;

import jakarta.validation.constraints.NotBlank;

/**
 * @param inputUri s3:// URI of a JSON Lines ({@code .jsonl}) or CSV ({@code .csv}) object of products, one per line
 * @param outputPrefix s3:// URI prefix the parts and the completion record are written under
 */
public record BatchForecastRequest(@NotBlank String inputUri, @NotBlank String outputPrefix, Boolean explain) {

    public BatchForecastRequest(String inputUri, String outputPrefix) {
        this(inputUri, outputPrefix, null);
    }
}

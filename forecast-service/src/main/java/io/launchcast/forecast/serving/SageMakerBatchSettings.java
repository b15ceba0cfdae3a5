package io.launchcast.forecast.serving;

/**
 * SageMaker's batch environment, read from the variables Batch Transform sets on the container
 * ({@code SAGEMAKER_MAX_PAYLOAD_IN_MB}, {@code SAGEMAKER_MAX_CONCURRENT_TRANSFORMS}); defaults otherwise.
 */
public record SageMakerBatchSettings(int maxPayloadInMb, int maxConcurrentTransforms) {

    public static SageMakerBatchSettings fromEnvironment() {
        return new SageMakerBatchSettings(intOf("SAGEMAKER_MAX_PAYLOAD_IN_MB", 6),
                intOf("SAGEMAKER_MAX_CONCURRENT_TRANSFORMS", Runtime.getRuntime().availableProcessors()));
    }

    private static int intOf(String variable, int fallback) {
        String value = System.getenv(variable);
        try {
            return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}

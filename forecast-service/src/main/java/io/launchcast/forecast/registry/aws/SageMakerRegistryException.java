package io.launchcast.forecast.registry.aws;

/** SageMaker refused or failed a registry call. */
public class SageMakerRegistryException extends RuntimeException {

    public SageMakerRegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}

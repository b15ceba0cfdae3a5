package io.launchcast.feature.sync;

/** A dataset version that was never published (no manifest): nothing to compute features from. */
public class UnknownDatasetVersionException extends RuntimeException {

    public UnknownDatasetVersionException(String message) {
        super(message);
    }
}

package io.launchcast.feature.trainingset;

/** A training set was asked for before any features were stored. */
public class NoFeaturesException extends RuntimeException {

    public NoFeaturesException(String message) {
        super(message);
    }
}

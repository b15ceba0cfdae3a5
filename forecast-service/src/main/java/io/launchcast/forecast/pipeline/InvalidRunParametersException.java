package io.launchcast.forecast.pipeline;

/**
 * A run's parameters cannot start it (an unknown name, an empty value, a dataset version that is not there): the
 * API answers 400 with the reason, and nothing starts.
 */
public class InvalidRunParametersException extends IllegalArgumentException {

    public InvalidRunParametersException(String message) {
        super(message);
    }
}

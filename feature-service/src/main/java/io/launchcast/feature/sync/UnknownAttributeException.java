package io.launchcast.feature.sync;

/**
 * Features asked for under an attribute the dataset's mapping does not declare: every launch would get the same
 * missing value (a cohort equal to the whole catalogue, a signal term of nothing) without a word.
 */
public class UnknownAttributeException extends IllegalArgumentException {

    public UnknownAttributeException(String message) {
        super(message);
    }
}

package io.launchcast.ingestion.validation;

/**
 * A source's columns cannot be what its mapping says (no column left for its wide sales, a column whose name should
 * be a date and is not): the run stops before a row is read, with the source and column named.
 */
public class UnusableColumnsException extends RuntimeException {

    public UnusableColumnsException(String message) {
        super(message);
    }
}

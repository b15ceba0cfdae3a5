package io.launchcast.ingestion.run;

/** A requested input cannot be used: not a URI of this store, nothing stored there, or an unknown connection. */
public class InvalidInputException extends RuntimeException {

    public InvalidInputException(String message) {
        super(message);
    }
}

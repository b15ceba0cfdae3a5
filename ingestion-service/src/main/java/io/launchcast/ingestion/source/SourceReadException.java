package io.launchcast.ingestion.source;

/** A source could not be read at all (I/O or database failure), as opposed to one bad row. */
public class SourceReadException extends RuntimeException {

    public SourceReadException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.launchcast.features.dataset;

/** A curated dataset version could not be read (missing manifest, unreadable Parquet, missing columns). */
public class DatasetReadException extends RuntimeException {

    public DatasetReadException(String message, Throwable cause) {
        super(message, cause);
    }

    public DatasetReadException(String message) {
        super(message);
    }
}

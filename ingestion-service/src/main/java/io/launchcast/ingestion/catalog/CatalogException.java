package io.launchcast.ingestion.catalog;

/** The catalog could not register a dataset version (one exception for every adapter's failures). */
public class CatalogException extends RuntimeException {

    public CatalogException(String message, Throwable cause) {
        super(message, cause);
    }
}

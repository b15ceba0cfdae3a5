package io.launchcast.feature.online;

/** The online store could not carry out an operation. */
public class OnlineStoreException extends RuntimeException {

    public OnlineStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}

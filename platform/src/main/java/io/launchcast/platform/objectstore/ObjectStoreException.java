package io.launchcast.platform.objectstore;

/** The object store failed to carry out an operation (unreachable, refused, interrupted transfer). */
public class ObjectStoreException extends RuntimeException {

    public ObjectStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public ObjectStoreException(String message) {
        super(message);
    }
}

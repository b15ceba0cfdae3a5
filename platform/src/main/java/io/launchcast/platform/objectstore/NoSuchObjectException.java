package io.launchcast.platform.objectstore;

/** Nothing is stored under the requested key. */
public class NoSuchObjectException extends ObjectStoreException {

    private final String key;

    public NoSuchObjectException(String key) {
        super("no object stored under key '" + key + "'");
        this.key = key;
    }

    public String key() {
        return key;
    }
}

package io.launchcast.ingestion.mapping;

/** No mapping of that name is configured. */
public class UnknownMappingException extends RuntimeException {

    private final String mapping;

    public UnknownMappingException(String mapping) {
        super("no mapping named '" + mapping + "'");
        this.mapping = mapping;
    }

    public String mapping() {
        return mapping;
    }
}

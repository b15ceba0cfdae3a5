package io.launchcast.forecast.registry;

/** A model group has no approved version to serve (or to roll back to). */
public class NoApprovedModelException extends RuntimeException {

    private final String group;

    public NoApprovedModelException(String group) {
        this(group, "model group '" + group + "' has no approved version");
    }

    public NoApprovedModelException(String group, String message) {
        super(message);
        this.group = group;
    }

    public String group() {
        return group;
    }
}

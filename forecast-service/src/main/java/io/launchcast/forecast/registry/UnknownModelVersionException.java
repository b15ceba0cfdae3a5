package io.launchcast.forecast.registry;

/** The registry holds no such model version. */
public class UnknownModelVersionException extends RuntimeException {

    private final String group;
    private final int version;

    public UnknownModelVersionException(String group, int version) {
        super("model group '" + group + "' has no version " + version);
        this.group = group;
        this.version = version;
    }

    public String group() {
        return group;
    }

    public int version() {
        return version;
    }
}

package io.launchcast.forecast.registry;

/** A stored model artifact does not match the hash it was registered with; it is never loaded. */
public class CorruptModelArtifactException extends RuntimeException {

    public CorruptModelArtifactException(String group, int version, String expected, String actual) {
        super("artifact of " + group + " v" + version + " has SHA-256 " + actual + ", registered as " + expected);
    }
}

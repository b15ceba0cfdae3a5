package io.launchcast.ingestion.mapping;

import java.util.List;

/** A mapping file that cannot be used: every problem found is listed. */
public class InvalidMappingException extends RuntimeException {

    private final String mapping;
    private final List<String> problems;

    public InvalidMappingException(String mapping, List<String> problems) {
        super("mapping " + mapping + " is invalid: " + String.join("; ", problems));
        this.mapping = mapping;
        this.problems = List.copyOf(problems);
    }

    /** The mapping's name or the file it came from. */
    public String mapping() {
        return mapping;
    }

    public List<String> problems() {
        return problems;
    }
}

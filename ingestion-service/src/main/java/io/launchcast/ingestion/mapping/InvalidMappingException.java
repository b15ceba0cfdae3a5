package io.launchcast.ingestion.mapping;

import java.util.List;

/** A mapping file that cannot be used: every problem found is listed. */
public class InvalidMappingException extends RuntimeException {

    private final List<String> problems;

    public InvalidMappingException(String mapping, List<String> problems) {
        super("mapping " + mapping + " is invalid: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}

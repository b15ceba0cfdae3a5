package io.launchcast.ingestion.run;

import java.util.List;

/** The inputs of a run leave required sources of its mapping without data, so the run cannot start. */
public class IncompleteInputException extends RuntimeException {

    private final List<String> missingSources;

    public IncompleteInputException(String mapping, List<String> missingSources) {
        super("mapping " + mapping + " needs input for source(s) " + missingSources + " and none was given");
        this.missingSources = List.copyOf(missingSources);
    }

    public List<String> missingSources() {
        return missingSources;
    }
}

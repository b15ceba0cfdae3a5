package io.launchcast.ingestion.source;

import java.util.List;

/** The source lacks columns the mapping needs: the source and the mapping do not fit. */
public class MissingColumnsException extends RuntimeException {

    public MissingColumnsException(String source, List<String> missing) {
        super(source + " lacks the mapped column(s) " + missing);
    }
}

package io.launchcast.ingestion.source;

import java.util.List;

/** The source lacks columns the mapping needs: the source and the mapping do not fit. */
public class MissingColumnsException extends RuntimeException {

    public MissingColumnsException(String source, List<String> missing) {
        super(source + " lacks the mapped column(s) " + missing);
    }

    /**
     * The source's header, as read, lacks columns: says whether the file looks empty or not like text at all,
     * which is what a user needs to know first.
     */
    public MissingColumnsException(String source, List<String> header, List<String> missing) {
        super(describe(source, header, missing));
    }

    private static String describe(String source, List<String> header, List<String> missing) {
        if (header.isEmpty() || header.size() == 1 && header.get(0).isBlank()) {
            return source + " is empty: it has no header line with the mapped column(s) " + missing;
        }
        boolean binary = header.stream().anyMatch(h -> h.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0xFFFD));
        return binary ? source + " does not look like text in the declared format and encoding (its first line"
                + " holds control characters or invalid bytes); expected a header with the mapped column(s) " + missing
                : source + " lacks the mapped column(s) " + missing + "; its header has " + header.size() + " column(s)"
                        // a report's title above its table reads as a header of one or two columns
                        + (header.size() <= 2 && missing.size() > header.size() ? " (" + header
                                + "): if the table starts further down, below a report's title, say on which line"
                                + " (format.header-line)" : "");
    }
}

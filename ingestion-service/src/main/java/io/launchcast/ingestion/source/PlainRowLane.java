package io.launchcast.ingestion.source;

/**
 * Takes plain rows off a CSV reader as bytes, before any String or record is made of them: the fast lane of
 * a source whose rows are almost all alike. A row is plain when its line is ASCII without a quote character and
 * has the header's field count. What the lane does not take, for any reason, comes back as an ordinary
 * record, so the lane only ever decides "accepted"; every other verdict and its reason stay with the record path.
 */
public interface PlainRowLane {

    /**
     * Takes a row or leaves it.
     *
     * @param line the line's bytes
     * @param starts where each projected value starts in {@code line}, in the order the reader was projected to
     * @param ends where each projected value ends (exclusive); an empty value has {@code start == end}
     * @return whether the row was accepted and staged; false leaves it, untouched, to the record path
     */
    boolean take(byte[] line, int[] starts, int[] ends);
}

package io.launchcast.ingestion.source;

/**
 * One row of a source.
 *
 * @param line the physical line (or result-set row) where the row starts, 1-based, header included
 * @param raw the row as it stood in the source, for quarantine
 * @param values the projected columns' values, in the order asked for; {@code null} for a missing value
 * @param malformed why the row could not be read, or {@code null} for a well-formed row
 */
public record SourceRecord(long line, String raw, String[] values, String malformed) {

    public static SourceRecord malformed(long line, String raw, String reason) {
        return new SourceRecord(line, raw, null, reason);
    }

    /**
     * Not a row: a tally of the rows a {@link PlainRowLane} took (accepted and staged) since the previous
     * record, in {@code line}. Readers send one at least every few thousand rows taken, and before the next
     * ordinary record, so counts and progress keep up.
     */
    public static SourceRecord taken(long rows) {
        return new SourceRecord(rows, null, null, null);
    }

    /** Whether this is a {@linkplain #taken tally} of rows a lane took rather than a row. */
    public boolean isTaken() {
        return raw == null && values == null && malformed == null;
    }

    public boolean isMalformed() {
        return malformed != null;
    }
}

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

    public boolean isMalformed() {
        return malformed != null;
    }
}

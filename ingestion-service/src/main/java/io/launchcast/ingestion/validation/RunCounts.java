package io.launchcast.ingestion.validation;

import java.util.Map;
import java.util.TreeMap;

/**
 * Row counts of a run. The invariant {@code read = accepted + rejected + duplicates + excluded} holds at every
 * moment, because each row is counted once, under exactly one verdict; excluded rows are also counted by the
 * mapping rule that left them out.
 */
public final class RunCounts {

    private long read;
    private long accepted;
    private long rejected;
    private long duplicates;
    private long excluded;
    private final Map<String, Long> rejectedBySource = new TreeMap<>();
    private final Map<String, Long> excludedByRule = new TreeMap<>();
    private final Map<String, Long> filesWithout = new TreeMap<>();

    public synchronized void count(String source, RowJudge.Verdict verdict) {
        count(source, verdict, null);
    }

    /** @param rule the exclusion rule, for an excluded row */
    public synchronized void count(String source, RowJudge.Verdict verdict, String rule) {
        read++;
        switch (verdict) {
            case ACCEPTED -> accepted++;
            case REJECTED -> {
                rejected++;
                rejectedBySource.merge(source, 1L, Long::sum);
            }
            case DUPLICATE -> duplicates++;
            case EXCLUDED -> {
                excluded++;
                excludedByRule.merge(rule, 1L, Long::sum);
            }
        }
    }

    /** Counts {@code rows} rows read and accepted at once (rows a lane took). */
    public synchronized void countAccepted(long rows) {
        read += rows;
        accepted += rows;
    }

    /** Counts a file that lacks the optional column {@code column}: its rows have no value for it. */
    public synchronized void countFileWithout(String column) {
        filesWithout.merge(column, 1L, Long::sum);
    }

    public synchronized Snapshot snapshot() {
        return new Snapshot(read, accepted, rejected, duplicates, excluded, Map.copyOf(rejectedBySource),
                Map.copyOf(excludedByRule), Map.copyOf(filesWithout));
    }

    /**
     * The counts at one moment.
     *
     * @param rejectedBySource rejected rows per mapping source
     * @param excludedByRule excluded rows per exclusion rule of the mapping
     * @param filesWithout files read without an optional column, per column
     */
    public record Snapshot(long read, long accepted, long rejected, long duplicates, long excluded,
            Map<String, Long> rejectedBySource, Map<String, Long> excludedByRule, Map<String, Long> filesWithout) {

        public static final Snapshot EMPTY = new Snapshot(0, 0, 0, 0, 0, Map.of(), Map.of(), Map.of());

        /** Rejected rows as a share of rows read (0 when nothing was read). */
        public double rejectedShare() {
            return read == 0 ? 0 : (double) rejected / read;
        }

        public boolean reconciles() {
            return read == accepted + rejected + duplicates + excluded;
        }
    }
}

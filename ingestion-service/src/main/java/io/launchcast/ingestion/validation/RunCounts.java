package io.launchcast.ingestion.validation;

import java.util.Map;
import java.util.TreeMap;

/**
 * Row counts of a run. The invariant {@code read = accepted + rejected + duplicates} holds at every moment,
 * because each row is counted once, under exactly one verdict.
 */
public final class RunCounts {

    private long read;
    private long accepted;
    private long rejected;
    private long duplicates;
    private final Map<String, Long> rejectedBySource = new TreeMap<>();

    public synchronized void count(String source, RowJudge.Verdict verdict) {
        read++;
        switch (verdict) {
            case ACCEPTED -> accepted++;
            case REJECTED -> {
                rejected++;
                rejectedBySource.merge(source, 1L, Long::sum);
            }
            case DUPLICATE -> duplicates++;
        }
    }

    /** Counts {@code rows} rows read and accepted at once (rows a lane took). */
    public synchronized void countAccepted(long rows) {
        read += rows;
        accepted += rows;
    }

    public synchronized Snapshot snapshot() {
        return new Snapshot(read, accepted, rejected, duplicates, Map.copyOf(rejectedBySource));
    }

    /**
     * The counts at one moment.
     *
     * @param rejectedBySource rejected rows per mapping source
     */
    public record Snapshot(long read, long accepted, long rejected, long duplicates, Map<String, Long> rejectedBySource) {

        public static final Snapshot EMPTY = new Snapshot(0, 0, 0, 0, Map.of());

        /** Rejected rows as a share of rows read (0 when nothing was read). */
        public double rejectedShare() {
            return read == 0 ? 0 : (double) rejected / read;
        }

        public boolean reconciles() {
            return read == accepted + rejected + duplicates;
        }
    }
}

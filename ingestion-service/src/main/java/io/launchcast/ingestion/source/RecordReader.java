package io.launchcast.ingestion.source;

import java.io.Closeable;
import java.util.List;

/** Streams the rows of one source, one at a time. */
public interface RecordReader extends Closeable {

    /** Column names the source declares (CSV header, result-set labels); empty when rows name their own (JSON Lines). */
    List<String> columns();

    /**
     * Fixes which columns {@link #next()} returns, in that order; called once before the first row.
     *
     * @throws MissingColumnsException if the source declares columns and some asked for are not among them
     */
    void project(List<String> wanted);

    /**
     * As {@link #project(List)}, but a column of {@code optional} that the source does not have is no error: its
     * values are missing in every row (a column added to later exports, absent from earlier files). Readers whose
     * rows name their own keys (JSON Lines) have every column optional.
     *
     * @return the columns of {@code optional} the source does not have, found as the projection finds columns (none
     *         for a reader whose rows name their own keys)
     */
    default List<String> project(List<String> wanted, java.util.Set<String> optional) {
        project(wanted);
        return List.of();
    }

    /**
     * Offers the plain rows to {@code lane} before they become records (called once, after {@link #project});
     * the rows it takes come back only as {@linkplain SourceRecord#taken tallies}.
     *
     * @return whether this reader can offer rows; readers that cannot ignore the lane
     */
    default boolean divert(PlainRowLane lane) {
        return false;
    }

    /** The next row, or {@code null} at the end. Unreadable rows come back malformed, they are not thrown. */
    SourceRecord next();

    /** Bytes consumed so far from the underlying object (compressed bytes for gzip), for progress. */
    long bytesRead();

    @Override
    void close();
}

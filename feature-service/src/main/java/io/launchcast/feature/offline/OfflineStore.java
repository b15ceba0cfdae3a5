package io.launchcast.feature.offline;

import io.launchcast.feature.group.FeatureRecord;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * All feature records ever written, never updated in place: a correction is a new row with a later write time.
 * Point-in-time reads pick, per entity, the latest row whose event time is not after the entity's as-of time and
 * whose write time is not after the query's known-at time, so neither future events nor later backfills leak.
 */
public interface OfflineStore {

    /** Appends records of one group, all stamped with {@code writeTime}; visible to readers once this returns. */
    default void append(String group, Collection<FeatureRecord> records, Instant writeTime) {
        append(group, records, writeTime, null);
    }

    /**
     * Appends records computed with the feature definitions whose hash is {@code definitionsHash} (null: not
     * recorded), so that a training set can ask for the rows of exactly the definitions a model trains with.
     */
    default void append(String group, Collection<FeatureRecord> records, Instant writeTime, String definitionsHash) {
        append(group, records, writeTime, definitionsHash, writeTime.toEpochMilli() + "-" + UUID.randomUUID());
    }

    /**
     * Appends records as part of a named batch: a writer that writes in several batches (a sync, chunk by chunk)
     * names them so that {@link #discardBatches} can find them again.
     *
     * @param batch letters, digits and dashes
     */
    void append(String group, Collection<FeatureRecord> records, Instant writeTime, String definitionsHash,
            String batch);

    /**
     * Removes every row appended in a batch whose name starts with {@code batchPrefix}: what an interrupted
     * writer wrote before it could complete, so that its rerun writes each row once. Never call it for batches
     * a completed writer published.
     */
    void discardBatches(String group, String batchPrefix);

    /**
     * The point-in-time value of each entity: entities without a qualifying row are absent.
     *
     * @param knownAt only rows written at or before this instant are considered
     */
    Map<Entity, FeatureRecord> pointInTime(String group, List<Entity> entities, Instant knownAt);

    /**
     * A local directory holding the group's Parquet files (hive-partitioned), for engines that join several
     * groups in one query; {@code null} if the group has no data yet.
     */
    Path localFiles(String group);
}

package io.launchcast.feature.online;

import io.launchcast.feature.group.FeatureRecord;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Latest value per record of each feature group. Like SageMaker Feature Store's online store, a write whose
 * event time is older than the stored record's is ignored, so replays and late backfills cannot roll a record
 * back.
 */
public interface OnlineStore {

    /** Stores the records of one group, each replacing the stored one unless that one is newer. */
    void put(String group, Collection<FeatureRecord> records);

    /** The latest record of {@code recordId}, or empty. */
    Optional<FeatureRecord> get(String group, String recordId);

    /** The latest records of the ids that exist, keyed by id; unknown ids are simply absent. */
    Map<String, FeatureRecord> getAll(String group, List<String> recordIds);

    /**
     * Like {@link #getAll}, each record as its JSON document (the wire form of {@link FeatureRecord}). Stores that
     * keep records as JSON answer without decoding them, which is what keeps large batch reads fast.
     */
    Map<String, String> getAllAsJson(String group, List<String> recordIds);

    /**
     * Gives back the space that rewritten records still take: when less than {@code belowFillRate} percent of the
     * storage holds live records, they are copied into fresh storage that then replaces the old one at once.
     * Readers keep answering from the old storage while the copy runs; writers wait for it. A copy interrupted
     * (a crash, a full disk) leaves the old storage as it was. Stores whose space is managed for them (SageMaker
     * Feature Store) do nothing.
     *
     * @param belowFillRate 0-100; 100 compacts whatever the fill rate (on demand)
     */
    default Compaction compact(int belowFillRate) {
        return Compaction.notNeeded(100, 0);
    }
}

package io.launchcast.feature.online;

import java.time.Duration;

/**
 * What asking an online store to compact did.
 *
 * @param compacted whether the live records were copied into fresh storage that replaced the old
 * @param fillRate the share of the storage (percent) that held live records before
 * @param bytesBefore the storage's size before, in bytes (0 when the store does not manage its own space)
 * @param bytesAfter its size after
 * @param records the records copied
 * @param took how long the copy and the swap took
 */
public record Compaction(boolean compacted, int fillRate, long bytesBefore, long bytesAfter, long records,
        Duration took) {

    /** Nothing done: the storage was full enough, or is not the store's to manage. */
    public static Compaction notNeeded(int fillRate, long bytes) {
        return new Compaction(false, fillRate, bytes, bytes, 0, Duration.ZERO);
    }
}

package io.launchcast.forecast.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SnapshotCacheTest {

    @Test
    void keepsTheSnapshotsUsedLastByIdentityAndNoMore() {
        SnapshotCache<List<String>, Integer> cache = new SnapshotCache<>();
        AtomicInteger computed = new AtomicInteger();
        List<List<String>> snapshots = new ArrayList<>();
        for (int i = 0; i < 3 * SnapshotCache.CAPACITY; i++) {
            snapshots.add(new ArrayList<>(List.of("same contents")));
        }

        for (List<String> snapshot : snapshots) {
            cache.get(snapshot, s -> computed.incrementAndGet());
            cache.get(snapshot, s -> computed.incrementAndGet()); // the second question is answered from the cache
        }

        // equal lists are different snapshots: each was worked out once, and only the last ones are kept
        assertThat(computed).hasValue(snapshots.size());
        assertThat(cache.size()).isEqualTo(SnapshotCache.CAPACITY);
        int before = computed.get();
        cache.get(snapshots.get(snapshots.size() - 1), s -> computed.incrementAndGet());
        cache.get(snapshots.get(0), s -> computed.incrementAndGet());
        assertThat(computed).hasValue(before + 1);
    }
}

package io.launchcast.feature.offline;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchcast.feature.group.FeatureRecord;
import io.launchcast.platform.objectstore.aws.S3ObjectStore;
import io.launchcast.platform.testing.LocalObjectStores;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Point-in-time correctness of the offline store, on the S3 stand-in, with planted late writes. */
class ParquetOfflineStoreTest {

    static final Instant D = Instant.parse("2019-04-17T00:00:00Z");

    @TempDir
    static Path cache;
    static S3ObjectStore objects;

    @BeforeAll
    static void connect() {
        objects = LocalObjectStores.onLocalCloud();
    }

    private static String group() {
        return "pit-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void neverReturnsValuesWithLaterEventTimeNorRowsWrittenAfterKnownAt() {
        ParquetOfflineStore store = new ParquetOfflineStore(objects, cache);
        String group = group();
        Instant firstWrite = Instant.parse("2019-04-10T00:00:00Z");
        Instant backfill = Instant.parse("2019-05-01T00:00:00Z");
        store.append(group, List.of(
                new FeatureRecord("p1", D.minusSeconds(7 * 86400), Map.of("level", 10.0, "category", "culottes")),
                new FeatureRecord("p1", D.plusSeconds(86400), Map.of("level", 99.0, "category", "culottes"))), // future event
                firstWrite);
        // a backfill written after the as-of, for an event before it: must not leak into a query known at D
        store.append(group, List.of(new FeatureRecord("p1", D.minusSeconds(86400), Map.of("level", 55.0))), backfill);

        Entity asOfD = new Entity("p1", D);
        Map<Entity, FeatureRecord> knownAtD = store.pointInTime(group, List.of(asOfD), D);
        Map<Entity, FeatureRecord> knownLater = store.pointInTime(group, List.of(asOfD), backfill);

        assertThat(knownAtD.get(asOfD).values()).containsEntry("level", 10.0).containsEntry("category", "culottes");
        assertThat(knownAtD.get(asOfD).eventTime()).isBeforeOrEqualTo(D);
        assertThat(knownLater.get(asOfD).values()).containsEntry("level", 55.0);
        assertThat(knownLater.get(asOfD).eventTime()).isBeforeOrEqualTo(D);
    }

    @Test
    void entitiesWithoutQualifyingRowsAreAbsentAndEachEntityGetsItsOwnAsOf() {
        ParquetOfflineStore store = new ParquetOfflineStore(objects, cache);
        String group = group();
        store.append(group, List.of(new FeatureRecord("p1", D, Map.of("level", 1.0)),
                new FeatureRecord("p1", D.plusSeconds(30 * 86400), Map.of("level", 2.0))), D.plusSeconds(40 * 86400));

        Entity early = new Entity("p1", D.minusSeconds(86400));
        Entity onD = new Entity("p1", D);
        Entity later = new Entity("p1", D.plusSeconds(60 * 86400));
        Entity unknown = new Entity("nobody", D);
        Map<Entity, FeatureRecord> found = store.pointInTime(group, List.of(early, onD, later, unknown),
                D.plusSeconds(365 * 86400));

        assertThat(found).doesNotContainKeys(early, unknown);
        assertThat(found.get(onD).values()).containsEntry("level", 1.0);
        assertThat(found.get(later).values()).containsEntry("level", 2.0);
    }

    @Test
    void writesHivePartitionsByEventTimeUnderTheGroup() {
        ParquetOfflineStore store = new ParquetOfflineStore(objects, cache);
        String group = group();
        store.append(group, List.of(new FeatureRecord("a", Instant.parse("2018-11-03T00:00:00Z"), Map.of("x", 1.0)),
                new FeatureRecord("b", Instant.parse("2019-04-17T00:00:00Z"), Map.of("x", 2.0))), D);

        assertThat(objects.list(ParquetOfflineStore.ROOT + group + "/"))
                .extracting(o -> o.key().replaceAll("part-.*", "part"))
                .containsExactly(ParquetOfflineStore.ROOT + group + "/year=2018/month=11/part",
                        ParquetOfflineStore.ROOT + group + "/year=2019/month=4/part");
    }
}

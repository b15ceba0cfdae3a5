package io.launchcast.feature.online;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchcast.feature.group.FeatureRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link OnlineStore} adapter must do; each test writes ids of its own. */
public interface OnlineStoreContract {

    OnlineStore store();

    /** A group every adapter under test knows (declared with features {@code category} and {@code level}). */
    String group();

    private static String id() {
        return "p-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    default void readsBackTheLatestRecordExactly() {
        String id = id();
        FeatureRecord record = new FeatureRecord(id, Instant.parse("2019-04-17T00:00:00Z"),
                Map.of("category", "culottes", "level", 51.5));

        store().put(group(), List.of(record));

        assertThat(store().get(group(), id)).contains(record);
    }

    @Test
    default void newerEventTimeReplacesOlderIsIgnored() {
        String id = id();
        FeatureRecord march = new FeatureRecord(id, Instant.parse("2019-03-01T00:00:00Z"), Map.of("level", 1.0));
        FeatureRecord april = new FeatureRecord(id, Instant.parse("2019-04-01T00:00:00Z"), Map.of("level", 2.0));

        store().put(group(), List.of(march));
        store().put(group(), List.of(april));
        store().put(group(), List.of(march)); // a late replay must not roll the record back

        assertThat(store().get(group(), id)).get().extracting(r -> r.values().get("level")).isEqualTo(2.0);
    }

    @Test
    default void batchGetReturnsKnownIdsInTheOrderAskedAndSkipsUnknownOnes() {
        String a = id();
        String b = id();
        store().put(group(), List.of(new FeatureRecord(a, Instant.EPOCH, Map.of("level", 1.0)),
                new FeatureRecord(b, Instant.EPOCH, Map.of("level", 2.0))));

        Map<String, FeatureRecord> found = store().getAll(group(), List.of(b, "unknown-" + a, a));

        assertThat(found.keySet()).containsExactly(b, a);
        assertThat(store().getAllAsJson(group(), List.of(b, "unknown-" + a, a)).keySet()).containsExactly(b, a);
        assertThat(store().getAllAsJson(group(), List.of(a)).get(a)).contains("\"recordId\":\"" + a + "\"");
    }

    @Test
    default void unknownRecordIsEmpty() {
        assertThat(store().get(group(), "never-written-" + id())).isEmpty();
    }
}

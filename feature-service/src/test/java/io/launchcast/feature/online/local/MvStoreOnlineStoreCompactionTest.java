package io.launchcast.feature.online.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.launchcast.feature.group.FeatureRecord;
import io.launchcast.feature.online.Compaction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** Compaction copies the live records into a fresh file and swaps it in; nothing a reader sees changes. */
class MvStoreOnlineStoreCompactionTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> GROUPS = List.of("launch-attributes", "cohort-levels");
    private static final int RECORDS = 3_000;

    @TempDir
    Path dir;

    @Test
    void afterRewritesTheFileShrinksAndEveryKeyReadsTheSame() {
        Path file = dir.resolve("online.mv.db");
        Map<String, Map<String, String>> before;
        try (MvStoreOnlineStore store = new MvStoreOnlineStore(file, JSON)) {
            rewrite(store, 4);
            before = everything(store);
            long sizeBefore = store.fileSize();

            Compaction compaction = store.compact(50);

            assertThat(compaction.compacted()).isTrue();
            assertThat(compaction.fillRate()).isLessThan(50);
            assertThat(compaction.records()).isEqualTo(GROUPS.size() * RECORDS);
            assertThat(compaction.bytesBefore()).isEqualTo(sizeBefore);
            assertThat(store.fileSize()).isEqualTo(compaction.bytesAfter()).isLessThan(sizeBefore / 2);
            assertThat(everything(store)).isEqualTo(before);
            assertThat(store.compact(50).compacted()).as("a fresh file is full enough").isFalse();
            assertThat(Files.exists(dir.resolve("online.mv.db.compacting"))).isFalse();

            FeatureRecord later = new FeatureRecord("p-1", Instant.parse("2030-01-01T00:00:00Z"), Map.of("level", 9.0));
            store.put(GROUPS.get(0), List.of(later)); // writes go to the new file
            before.get(GROUPS.get(0)).put("p-1", JSON.writeValueAsString(later));
        }
        try (MvStoreOnlineStore reopened = new MvStoreOnlineStore(file, JSON)) {
            assertThat(everything(reopened)).isEqualTo(before);
        }
    }

    @Test
    void readersKeepAnsweringWhileTheCopyRuns() {
        try (MvStoreOnlineStore store = new MvStoreOnlineStore(dir.resolve("online.mv.db"), JSON)) {
            rewrite(store, 2);
            String expected = store.getAllAsJson(GROUPS.get(1), List.of("p-7")).get("p-7");
            List<String> readMidCopy = Collections.synchronizedList(new ArrayList<>());

            store.compact(100, 500, () -> readMidCopy.add(CompletableFuture
                    .supplyAsync(() -> store.getAllAsJson(GROUPS.get(1), List.of("p-7")).get("p-7"))
                    .orTimeout(10, TimeUnit.SECONDS).join()));

            assertThat(readMidCopy).hasSizeGreaterThan(5).containsOnly(expected);
        }
    }

    @Test
    void aCopyThatFailsMidwayLeavesTheStoreAsItWas() {
        try (MvStoreOnlineStore store = new MvStoreOnlineStore(dir.resolve("online.mv.db"), JSON)) {
            rewrite(store, 2);
            Map<String, Map<String, String>> before = everything(store);
            long size = store.fileSize();

            assertThatThrownBy(() -> store.compact(100, 500, () -> {
                throw new IllegalStateException("disk full");
            })).hasMessage("disk full");

            assertThat(everything(store)).isEqualTo(before);
            assertThat(store.fileSize()).isEqualTo(size);
            assertThat(Files.exists(dir.resolve("online.mv.db.compacting"))).isFalse();
            assertThat(store.compact(100).compacted()).as("and it compacts later").isTrue();
            assertThat(everything(store)).isEqualTo(before);
        }
    }

    @Test
    void anUnfinishedCopyLeftByACrashIsIgnoredAndRemoved() throws Exception {
        Path file = dir.resolve("online.mv.db");
        Map<String, Map<String, String>> before;
        try (MvStoreOnlineStore store = new MvStoreOnlineStore(file, JSON)) {
            rewrite(store, 2);
            before = everything(store);
        }
        // what a process killed during the copy leaves: the start of a store file beside the untouched store
        byte[] whole = Files.readAllBytes(file);
        Files.write(dir.resolve("online.mv.db.compacting"), Arrays.copyOf(whole, whole.length / 3));

        try (MvStoreOnlineStore reopened = new MvStoreOnlineStore(file, JSON)) {
            assertThat(everything(reopened)).isEqualTo(before);
            assertThat(Files.exists(dir.resolve("online.mv.db.compacting"))).isFalse();
            assertThat(reopened.compact(100).compacted()).isTrue();
            assertThat(everything(reopened)).isEqualTo(before);
        }
    }

    /** Every record of every group written {@code times} times over, in a shuffled order, one commit per 100. */
    private static void rewrite(MvStoreOnlineStore store, int times) {
        Random random = new Random(7);
        for (int t = 0; t < times; t++) {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < RECORDS; i++) {
                order.add(i);
            }
            Collections.shuffle(order, random);
            for (String group : GROUPS) {
                for (int from = 0; from < RECORDS; from += 100) {
                    List<FeatureRecord> batch = new ArrayList<>();
                    for (int i : order.subList(from, from + 100)) {
                        Map<String, Object> values = new LinkedHashMap<>();
                        for (int f = 0; f < 20; f++) {
                            values.put("feature_" + f, random.nextDouble());
                        }
                        batch.add(new FeatureRecord("p-" + i, Instant.parse("2027-01-01T00:00:00Z").plusSeconds(t),
                                values));
                    }
                    store.put(group, batch);
                }
            }
        }
    }

    private static Map<String, Map<String, String>> everything(MvStoreOnlineStore store) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            ids.add("p-" + i);
        }
        Map<String, Map<String, String>> all = new LinkedHashMap<>();
        for (String group : GROUPS) {
            all.put(group, new LinkedHashMap<>(store.getAllAsJson(group, ids)));
        }
        return all;
    }

}

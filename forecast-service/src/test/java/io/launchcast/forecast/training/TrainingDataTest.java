package io.launchcast.forecast.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.launchcast.localcloud.LocalCloudExtension;
import io.launchcast.platform.datasets.DatasetVersions;
import io.launchcast.platform.objectstore.ObjectStore;
import io.launchcast.platform.testing.LocalObjectStores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * Training never picks a withdrawn dataset version on its own, and refuses one pinned by name; the local copies of
 * training sets do not pile up.
 */
@ExtendWith(LocalCloudExtension.class)
class TrainingDataTest {

    @TempDir
    Path cache;
    private final ObjectStore store = LocalObjectStores.onLocalCloud();
    private final String dataset = "t" + UUID.randomUUID().toString().substring(0, 8);

    private void publish(String version) {
        store.put(DatasetVersions.prefix(dataset, version) + DatasetVersions.MANIFEST,
                "{}".getBytes(StandardCharsets.UTF_8), "application/json");
    }

    @Test
    void theLatestVersionSkipsAWithdrawnOneAndPinningAWithdrawnVersionIsRefusedWithItsReason() {
        publish("20260101T000000Z-aaa");
        publish("20260201T000000Z-bbb");
        new DatasetVersions(store, JsonMapper.builder().build())
                .withdraw(dataset, "20260201T000000Z-bbb", "prices off by 100x", "ops", Instant.now());
        TrainingData data = new TrainingData(store, cache);

        assertThat(data.latestVersion(dataset)).contains("20260101T000000Z-aaa");
        assertThatThrownBy(() -> data.load(dataset, "20260201T000000Z-bbb", cache.resolve("config.yml")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("withdrawn by ops")
                .hasMessageContaining("prices off by 100x");
    }

    @Test
    void beforeATrainingSetIsFetchedOnlyTheNewestOneBeforeItIsKept() throws Exception {
        // every run fetched a training set of its own and none was ever deleted: a disk filled by the retraining loop
        Path sets = java.nio.file.Files.createDirectories(cache.resolve("training-sets"));
        for (int i = 0; i < 4; i++) {
            java.nio.file.Files.setLastModifiedTime(java.nio.file.Files.writeString(sets.resolve("set-" + i), "x"),
                    java.nio.file.attribute.FileTime.from(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i)));
        }

        TrainingData.deleteOlderTrainingSets(sets);

        try (var left = java.nio.file.Files.list(sets)) {
            assertThat(left.map(p -> p.getFileName().toString()).toList()).containsExactly("set-3");
        }
    }
}

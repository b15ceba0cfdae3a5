package io.launchcast.platform.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.launchcast.localcloud.LocalCloudExtension;
import io.launchcast.platform.events.DatasetPublished;
import io.launchcast.platform.objectstore.ObjectStore;
import io.launchcast.platform.testing.LocalObjectStores;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

@ExtendWith(LocalCloudExtension.class)
class DatasetVersionsTest {

    private final ObjectStore store = LocalObjectStores.onLocalCloud();
    private final DatasetVersions versions = new DatasetVersions(store, JsonMapper.builder().build());
    private final String dataset = "d" + UUID.randomUUID().toString().substring(0, 8);

    private void publish(String version) {
        String prefix = DatasetVersions.prefix(dataset, version);
        store.put(prefix + "sales/part-0.parquet", new byte[] {1}, "application/vnd.apache.parquet");
        store.put(prefix + DatasetVersions.MANIFEST, "{}".getBytes(StandardCharsets.UTF_8), "application/json");
    }

    @Test
    void aWithdrawnVersionIsHiddenFromLatestButKeepsItsFilesAndItsFirstReason() {
        publish("20260101T000000Z-aaa");
        publish("20260201T000000Z-bbb");

        DatasetVersions.Withdrawal first = versions.withdraw(dataset, "20260201T000000Z-bbb", "bad prices", "ops",
                Instant.parse("2026-02-02T00:00:00Z"));
        versions.withdraw(dataset, "20260201T000000Z-bbb", "again", "someone else", Instant.now());

        assertThat(versions.latestUsable(dataset)).contains("20260101T000000Z-aaa");
        assertThat(versions.published(dataset)).hasSize(2);
        assertThat(versions.isPublished(dataset, "20260201T000000Z-bbb")).as("withdrawn, still published").isTrue();
        assertThat(versions.withdrawal(dataset, "20260201T000000Z-bbb")).contains(first);
        assertThat(store.list(DatasetVersions.prefix(dataset, "20260201T000000Z-bbb"))).hasSize(3);
    }

    @Test
    void aUsableVersionHandlerActsOnPublishedVersionsAndSkipsWithdrawnOnes() {
        publish("20260101T000000Z-aaa");
        publish("20260201T000000Z-bbb");
        versions.withdraw(dataset, "20260201T000000Z-bbb", "bad prices", "ops", Instant.now());
        List<String> handled = new ArrayList<>();
        UsableVersionHandler handler = new UsableVersionHandler(versions, "handling") {
            @Override
            protected void handleUsable(DatasetPublished event) {
                handled.add(event.version());
            }
        };

        for (String version : List.of("20260101T000000Z-aaa", "20260201T000000Z-bbb")) {
            handler.handle(new DatasetPublished("e-" + version, Instant.now(), dataset,
                    version, DatasetVersions.prefix(dataset, version) + DatasetVersions.MANIFEST, "sha256:x"));
        }

        assertThat(handled).containsExactly("20260101T000000Z-aaa");
        assertThat(handler.eventType()).isEqualTo(DatasetPublished.class);
    }

    @Test
    void onlyAPublishedVersionCanBeWithdrawn() {
        assertThat(versions.isPublished(dataset, "20260101T000000Z-zzz")).isFalse();
        assertThatThrownBy(() -> versions.withdraw(dataset, "20260101T000000Z-zzz", "r", "ops", Instant.now()))
                .isInstanceOf(NoSuchElementException.class).hasMessageContaining("no published version");
    }

    @Test
    void theRetentionSweepDeletesFilesOfOldWithdrawalsAndKeepsTheirTombstones() {
        publish("20260101T000000Z-aaa");
        publish("20260201T000000Z-bbb");
        versions.withdraw(dataset, "20260101T000000Z-aaa", "bad", "ops", Instant.parse("2026-01-02T00:00:00Z"));
        versions.withdraw(dataset, "20260201T000000Z-bbb", "bad", "ops", Instant.parse("2026-03-01T00:00:00Z"));

        int deleted = versions.purgeWithdrawnBefore(dataset, Instant.parse("2026-02-15T00:00:00Z"));

        assertThat(deleted).isEqualTo(2);
        assertThat(store.list(DatasetVersions.prefix(dataset, "20260101T000000Z-aaa")))
                .singleElement().satisfies(o -> assertThat(o.key()).endsWith(DatasetVersions.WITHDRAWAL));
        assertThat(versions.published(dataset)).containsExactly("20260201T000000Z-bbb");
    }
}

package io.launchcast.feature.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.launchcast.feature.group.FeatureRecord;
import io.launchcast.feature.online.OnlineStore;
import io.launchcast.localcloud.LocalCloudExtension;
import io.launchcast.platform.events.DatasetPublished;
import io.launchcast.platform.events.EventPublisher;
import io.launchcast.platform.events.Events;
import io.launchcast.platform.objectstore.ObjectStore;
import io.launchcast.platform.testing.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * A published dataset flows into both stores through the real event path; replays change nothing; training sets
 * are point-in-time and byte-identical for identical requests.
 */
@ExtendWith(LocalCloudExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FeatureSyncIT {

    @LocalServerPort
    int port;
    @Autowired
    ObjectStore store;
    @Autowired
    EventPublisher events;
    @Autowired
    OnlineStore online;
    @Autowired
    FeatureSync sync;
    @Autowired
    io.launchcast.platform.datasets.DatasetVersions versions;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    private RestClient client() {
        return TestTokens.builder(port, "admin")
                .defaultStatusHandler(status -> true, (request, response) -> { }).build();
    }

    @Test
    void publishedDatasetIsSyncedOnceAndServedOnlineAndAsTrainingSets() {
        SyntheticCuratedDataset.publish(store, "synth", "1", 40);

        events.publish(new DatasetPublished(Events.newEventId(), Instant.now(), "synth", "1",
                "curated/synth/v=1/_manifest.json", "sha256:synthetic"));

        // the completion record is written after every group reached both stores
        await().atMost(Duration.ofSeconds(60)).until(() -> !store.list("features/sync/synth/1/").isEmpty());
        FeatureRecord attributes = online.get("product-attributes", "10").orElseThrow();
        assertThat(attributes.values()).containsEntry("attr.category", "b");
        assertThat(attributes.eventTime()).isEqualTo(LocalDate.of(2018, 3, 12).atStartOfDay(ZoneOffset.UTC).toInstant());
        assertThat(online.get("cohort-aggregates", "39")).isPresent();

        int offlineFiles = store.list("features/offline/").size();
        FeatureSync.SyncReport replay = sync.sync("synth", "1");
        assertThat(replay.products()).isEqualTo(40);
        assertThat(store.list("features/offline/")).as("a replay appends nothing").hasSize(offlineFiles);

        String request = "{\"selector\":{\"launchedFrom\":\"2018-01-01\",\"launchedTo\":\"2018-12-31\"},"
                + "\"knownAt\":\"" + Instant.now().plusSeconds(1) + "\"}";
        ResponseEntity<String> first = client().post().uri("/training-sets").contentType(MediaType.APPLICATION_JSON)
                .body(request).retrieve().toEntity(String.class);
        ResponseEntity<String> second = client().post().uri("/training-sets").contentType(MediaType.APPLICATION_JSON)
                .body(request).retrieve().toEntity(String.class);

        assertThat(first.getStatusCode().value()).isEqualTo(201);
        assertThat(first.getBody()).contains("\"rows\":40").contains("attr.category").contains("calendar.month");
        String sha = first.getBody().replaceAll(".*\"sha256\":\"([0-9a-f]+)\".*", "$1");
        assertThat(second.getBody()).contains("\"sha256\":\"" + sha + "\"");
    }

    @Test
    void aWithdrawnVersionIsNotSyncedWhenItsEventArrives() throws Exception {
        SyntheticCuratedDataset.publish(store, "withdrawn", "1", 10);
        versions.withdraw("withdrawn", "1", "bad prices", "test", Instant.now());
        SyntheticCuratedDataset.publish(store, "withdrawn", "2", 10);
        double handled = handled();

        events.publish(new DatasetPublished(Events.newEventId(), Instant.now(), "withdrawn", "1",
                "curated/withdrawn/v=1/_manifest.json", "sha256:synthetic"));
        events.publish(new DatasetPublished(Events.newEventId(), Instant.now(), "withdrawn", "2",
                "curated/withdrawn/v=2/_manifest.json", "sha256:synthetic"));

        await().atMost(Duration.ofSeconds(60)).until(() -> handled() >= handled + 2);
        assertThat(store.list("features/sync/withdrawn/2/")).hasSize(1);
        assertThat(store.list("features/sync/withdrawn/1/")).isEmpty();
    }

    private double handled() {
        return meters.counter("launchcast.events.handled", "type", "DatasetPublished", "outcome", "ok").count();
    }

    @Test
    void aVersionWithNoProductsAndNoSalesFilesSyncsToNothingInsteadOfFailing() {
        SyntheticCuratedDataset.publish(store, "empty", "1", 0);
        store.list("curated/empty/v=1/sales/").forEach(o -> store.delete(o.key()));

        FeatureSync.SyncReport report = sync.sync("empty", "1");

        assertThat(report.products()).isZero();
        assertThat(store.list("features/sync/empty/1/")).hasSize(1);
    }

    @Test
    void trainingSetBeforeAnyWriteIsEmptyAndBadRequestsNameTheirFields() {
        SyntheticCuratedDataset.publish(store, "synth-early", "1", 10);
        sync.sync("synth-early", "1");

        ResponseEntity<String> knownLongAgo = client().post().uri("/training-sets").contentType(MediaType.APPLICATION_JSON)
                .body("{\"entities\":[{\"productId\":\"3\",\"asOf\":\"2018-01-22T00:00:00Z\"}],"
                        + "\"knownAt\":\"2018-01-22T00:00:00Z\"}")
                .retrieve().toEntity(String.class);
        ResponseEntity<String> both = client().post().uri("/training-sets").contentType(MediaType.APPLICATION_JSON)
                .body("{\"entities\":[{\"productId\":\"3\",\"asOf\":\"2018-01-22T00:00:00Z\"}],"
                        + "\"selector\":{\"launchedFrom\":\"2018-01-01\",\"launchedTo\":\"2018-02-01\"}}")
                .retrieve().toEntity(String.class);
        ResponseEntity<String> reversed = client().post().uri("/training-sets").contentType(MediaType.APPLICATION_JSON)
                .body("{\"selector\":{\"launchedFrom\":\"2019-01-01\",\"launchedTo\":\"2018-02-01\"}}")
                .retrieve().toEntity(String.class);

        // every feature row was written now, long after 2018: a training set known at 2018 must not see them
        assertThat(knownLongAgo.getBody()).contains("\"rows\":1");
        assertThat(knownLongAgo.getBody()).doesNotContain("\"attr.category\":");
        assertThat(both.getStatusCode().value()).isEqualTo(400);
        assertThat(both.getBody()).contains("{\"field\":\"(request)\",\"message\":\"give exactly one of entities,"
                + " selector and launchesOf\"}");
        assertThat(reversed.getStatusCode().value()).isEqualTo(400);
        assertThat(reversed.getBody()).contains("{\"field\":\"selector\",\"message\":\"launchedFrom must not be"
                + " after launchedTo\"}");
    }
}

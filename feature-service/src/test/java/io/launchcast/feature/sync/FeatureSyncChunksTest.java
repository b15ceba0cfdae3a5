package io.launchcast.feature.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.launchcast.feature.group.FeatureGroupCatalog;
import io.launchcast.feature.group.FeatureRecord;
import io.launchcast.feature.offline.Entity;
import io.launchcast.feature.offline.OfflineStore;
import io.launchcast.feature.offline.ParquetOfflineStore;
import io.launchcast.feature.online.local.MvStoreOnlineStore;
import io.launchcast.features.compute.FeatureDefinitions;
import io.launchcast.features.dataset.DatasetManifest;
import io.launchcast.features.dataset.Period;
import io.launchcast.features.dataset.PeriodAnchor;
import io.launchcast.platform.events.LaunchcastEvent;
import io.launchcast.platform.objectstore.directory.DirectoryObjectStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * A sync written in chunks writes what a sync in one chunk writes, and a sync that fails between chunks leaves no
 * completion record and no row its rerun would duplicate.
 */
class FeatureSyncChunksTest {

    private static final int PRODUCTS = 40;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final FeatureGroupCatalog CATALOG = FeatureGroupCatalog.load();

    @TempDir
    Path work;
    private final List<MvStoreOnlineStore> opened = new ArrayList<>();

    /** One feature-service's stores over its own directory, with the synthetic version published in it. */
    private final class Service {
        final DirectoryObjectStore store;
        final ParquetOfflineStore offline;
        final MvStoreOnlineStore online;
        final List<LaunchcastEvent> published = new ArrayList<>();

        Service(String name) {
            store = new DirectoryObjectStore(work.resolve(name).resolve("store"));
            offline = new ParquetOfflineStore(store, work.resolve(name).resolve("offline-cache"));
            online = new MvStoreOnlineStore(work.resolve(name).resolve("online.mv.db"), JSON);
            opened.add(online);
            SyntheticCuratedDataset.publish(store, "chunks", "1", PRODUCTS);
        }

        FeatureSync sync(int chunkProducts, OfflineStore offlineStore) {
            return sync(chunkProducts, offlineStore, 50);
        }

        FeatureSync sync(int chunkProducts, OfflineStore offlineStore, int compactOnlineBelowFillRate) {
            return sync(new FeatureProperties(12, List.of(), chunkProducts, compactOnlineBelowFillRate), offlineStore);
        }

        FeatureSync sync(FeatureProperties properties, OfflineStore offlineStore) {
            return new FeatureSync(store, offlineStore, online, CATALOG, properties, published::add, JSON,
                    work.resolve("datasets-" + System.nanoTime()), Clock.systemUTC());
        }
    }

    @AfterEach
    void close() {
        opened.forEach(MvStoreOnlineStore::close);
    }

    @Test
    void aSyncInSeveralChunksWritesWhatASyncInOneChunkWrites() throws SQLException {
        Service whole = new Service("whole");
        Service chunked = new Service("chunked");

        FeatureSync.SyncReport one = whole.sync(PRODUCTS, whole.offline).sync("chunks", "1");
        FeatureSync.SyncReport six = chunked.sync(7, chunked.offline).sync("chunks", "1");

        assertThat(six.recordsPerGroup()).isEqualTo(one.recordsPerGroup());
        assertThat(six.recordsPerGroup().values()).containsOnly((long) PRODUCTS);
        assertThat(chunked.published).hasSize(1);
        for (FeatureGroupCatalog.GroupDeclaration group : CATALOG.groups()) {
            assertThat(rows(chunked.offline, group.name())).as(group.name())
                    .hasSize(PRODUCTS).isEqualTo(rows(whole.offline, group.name()));
            for (int id = 0; id < PRODUCTS; id++) {
                Optional<FeatureRecord> record = chunked.online.get(group.name(), Integer.toString(id));
                assertThat(record).as(group.name() + " " + id).isPresent()
                        .isEqualTo(whole.online.get(group.name(), Integer.toString(id)));
            }
        }
    }

    @Test
    void theLocalCopyOfAVersionGoesOnceItsFeaturesAreSynced() {
        // every published version stayed on feature-service's disk after its sync, a version's size a publication
        Service service = new Service("copies");
        Path datasets = work.resolve("copies").resolve("datasets");
        FeatureSync sync = new FeatureSync(service.store, service.offline, service.online, CATALOG,
                new FeatureProperties(12, List.of(), PRODUCTS, 50), service.published::add, JSON, datasets,
                Clock.systemUTC());

        sync.sync("chunks", "1");
        FeatureSync.Materialized materialized = sync.materialize("chunks", "1", null);

        assertThat(materialized.launches()).hasSize(PRODUCTS);
        assertThat(datasets.resolve("chunks").resolve("v=1")).doesNotExist();
    }

    @Test
    void anAttributeTheDatasetDoesNotDeclareIsAClearErrorAndNothingIsWritten() {
        // a misspelt attribute used to give every launch the same missing value: cohorts equal to the whole catalogue
        Service service = new Service("misspelt");
        FeatureSync sync = service.sync(new FeatureProperties(12, List.of("catgory"), PRODUCTS, 50), service.offline);

        assertThatThrownBy(() -> sync.sync("chunks", "1")).isInstanceOf(UnknownAttributeException.class)
                .hasMessageContaining("launchcast.features.attributes: catgory is not an attribute of dataset chunks")
                .hasMessageContaining("[category");
        FeatureSync configuredWell = service.sync(PRODUCTS, service.offline);
        FeatureDefinitions requested = FeatureDefinitions.forDataset(new DatasetManifest("chunks", "1", Period.WEEK,
                PeriodAnchor.LAUNCH, List.of("category", "color"), List.of(), List.of(), null), 12)
                .withAttributes(List.of("colour"));
        assertThatThrownBy(() -> configuredWell.materialize("chunks", "1", requested))
                .isInstanceOf(UnknownAttributeException.class)
                .hasMessageContaining("the requested definitions' attributes: colour is not an attribute");
        assertThat(service.published).isEmpty();
        for (FeatureGroupCatalog.GroupDeclaration group : CATALOG.groups()) {
            assertThat(service.online.get(group.name(), "0")).as(group.name()).isEmpty();
        }
    }

    @Test
    void aSyncCompactsTheOnlineStoreWhenLittleOfItIsLiveAndItsRecordsReadTheSame() {
        Service kept = new Service("kept");
        Service compacted = new Service("compacted");

        kept.sync(1, kept.offline, 0).sync("chunks", "1"); // a commit per product: pages rewritten 40 times
        compacted.sync(1, compacted.offline, 100).sync("chunks", "1");

        assertThat(kept.online.fillRate()).isLessThan(50);
        assertThat(compacted.online.fileSize()).isLessThan(kept.online.fileSize() / 2);
        for (FeatureGroupCatalog.GroupDeclaration group : CATALOG.groups()) {
            for (int id = 0; id < PRODUCTS; id++) {
                assertThat(compacted.online.get(group.name(), Integer.toString(id))).as(group.name() + " " + id)
                        .isPresent().isEqualTo(kept.online.get(group.name(), Integer.toString(id)));
            }
        }
    }

    @Test
    void aSyncThatFailsBetweenChunksLeavesNoCompletionRecordAndItsRerunWritesEachRowOnce() throws SQLException {
        Service whole = new Service("whole");
        whole.sync(PRODUCTS, whole.offline).sync("chunks", "1");
        Service crashing = new Service("crashing");
        // 6 chunks of 7 products; the store fails on the first group of the third chunk, after chunks 0 and 1
        FailingOfflineStore failing = new FailingOfflineStore(crashing.offline, 2 * CATALOG.groups().size());

        assertThatThrownBy(() -> crashing.sync(7, failing).sync("chunks", "1")).hasMessageContaining("disk full");
        assertThat(crashing.store.list("features/sync/")).as("no completion record").isEmpty();
        assertThat(crashing.published).isEmpty();
        assertThat(rows(crashing.offline, "launch-calendar")).as("what the failed attempt wrote").hasSize(14);

        FeatureSync.SyncReport rerun = crashing.sync(7, crashing.offline).sync("chunks", "1");

        assertThat(rerun.products()).isEqualTo(PRODUCTS);
        assertThat(crashing.store.list("features/sync/")).hasSize(1);
        for (FeatureGroupCatalog.GroupDeclaration group : CATALOG.groups()) {
            assertThat(rows(crashing.offline, group.name())).as(group.name())
                    .hasSize(PRODUCTS).isEqualTo(rows(whole.offline, group.name()));
        }
    }

    /** Every offline row of a group, column by column, without the write times (each sync has its own). */
    private static List<Map<String, Object>> rows(ParquetOfflineStore offline, String group) throws SQLException {
        Path files = offline.localFiles(group);
        List<Map<String, Object>> rows = new ArrayList<>();
        if (files == null) {
            return rows;
        }
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement sql = duck.createStatement();
                ResultSet rs = sql.executeQuery("SELECT * EXCLUDE (write_time, api_invocation_time) FROM "
                        + ParquetOfflineStore.scan(files) + " ORDER BY record_id")) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> row = new TreeMap<>();
                for (int c = 1; c <= meta.getColumnCount(); c++) {
                    row.put(meta.getColumnName(c), rs.getObject(c));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** An offline store whose disk fills up after a number of appends. */
    private static final class FailingOfflineStore implements OfflineStore {

        private final OfflineStore delegate;
        private final int appendsBeforeFailing;
        private final AtomicInteger appends = new AtomicInteger();

        FailingOfflineStore(OfflineStore delegate, int appendsBeforeFailing) {
            this.delegate = delegate;
            this.appendsBeforeFailing = appendsBeforeFailing;
        }

        @Override
        public void append(String group, Collection<FeatureRecord> records, Instant writeTime, String definitionsHash,
                String batch) {
            if (appends.incrementAndGet() > appendsBeforeFailing) {
                throw new IllegalStateException("disk full");
            }
            delegate.append(group, records, writeTime, definitionsHash, batch);
        }

        @Override
        public void discardBatches(String group, String batchPrefix) {
            delegate.discardBatches(group, batchPrefix);
        }

        @Override
        public Map<Entity, FeatureRecord> pointInTime(String group, List<Entity> entities, Instant knownAt) {
            return delegate.pointInTime(group, entities, knownAt);
        }

        @Override
        public Path localFiles(String group) {
            return delegate.localFiles(group);
        }
    }
}

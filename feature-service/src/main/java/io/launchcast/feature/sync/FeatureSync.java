package io.launchcast.feature.sync;

import io.launchcast.feature.group.FeatureGroupCatalog;
import io.launchcast.feature.group.FeatureRecord;
import io.launchcast.feature.offline.OfflineStore;
import io.launchcast.feature.online.Compaction;
import io.launchcast.feature.online.OnlineStore;
import io.launchcast.features.compute.FeatureDefinitions;
import io.launchcast.features.compute.LaunchFeatureComputer;
import io.launchcast.features.compute.LaunchFeatures;
import io.launchcast.features.compute.LaunchHistory;
import io.launchcast.features.compute.LaunchPlan;
import io.launchcast.features.compute.SignalHistory;
import io.launchcast.features.dataset.CuratedVersion;
import io.launchcast.features.dataset.CuratedDatasetReader;
import io.launchcast.features.dataset.DatasetManifest;
import io.launchcast.features.dataset.Product;
import io.launchcast.platform.events.EventPublisher;
import io.launchcast.platform.events.Events;
import io.launchcast.platform.events.FeaturesUpdated;
import io.launchcast.platform.objectstore.ObjectStore;
import io.launchcast.platform.io.Sha256;
import io.launchcast.platform.objectstore.LocalCopies;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Computes and stores the launch features of one curated dataset version, in chunks of products so that memory
 * does not grow with the version (docs/adr/0107). A completed sync leaves a record at
 * {@code features/sync/<dataset>/<version>/<definitions-hash>.json}; a replay finds it and does nothing. The
 * offline store gains rows chunk by chunk (an interrupted sync's rows are removed by its rerun), and the online
 * store only takes records at least as new as the ones it holds.
 */
public class FeatureSync {

    private static final Logger log = LoggerFactory.getLogger(FeatureSync.class);
    /** Products come in launch order: a date's shared features are not asked for again once the next one is. */
    private static final int SWEEP_DATES_KEPT = 2;

    /** What a sync did; also the content of its completion record. */
    public record SyncReport(String dataset, String version, String definitionsVersion, String definitionsHash,
            long products, Map<String, Long> recordsPerGroup, Instant startedAt, Instant finishedAt,
            double productsPerSecond) {
    }

    private final ObjectStore store;
    private final OfflineStore offline;
    private final OnlineStore online;
    private final FeatureGroupCatalog catalog;
    private final FeatureProperties properties;
    private final EventPublisher events;
    private final JsonMapper json;
    private final Path datasetCache;
    private final LocalCopies copies;
    private final Clock clock;
    private final Map<String, Object> running = new ConcurrentHashMap<>();

    public FeatureSync(ObjectStore store, OfflineStore offline, OnlineStore online, FeatureGroupCatalog catalog,
            FeatureProperties properties, EventPublisher events, JsonMapper json, Path datasetCache, Clock clock) {
        this.store = store;
        this.offline = offline;
        this.online = online;
        this.catalog = catalog;
        this.properties = properties;
        this.events = events;
        this.json = json;
        this.datasetCache = datasetCache;
        this.copies = new LocalCopies(store);
        this.clock = clock;
    }

    /** Syncs the dataset version whose manifest is at {@code curated/<dataset>/v=<version>/_manifest.json}. */
    public SyncReport sync(String dataset, String version) {
        try (LocalCopies.Lease copy = copy(dataset, version)) {
            CuratedVersion curated = new CuratedDatasetReader().open(copy.directory());
            return run(dataset, version, curated, definitions(curated.manifest()), true);
        }
    }

    /**
     * The version's features under {@code requested} definitions in the offline store, computed now unless they
     * already are: how a training run gets the features of its own horizon and attributes. Only the offline
     * store takes them; the online store keeps the configured definitions, which serving lookups expect.
     *
     * @param requested the definitions to compute with; null: the configured ones
     * @return the completion record and the version's launches (product id and launch date)
     */
    public Materialized materialize(String dataset, String version, FeatureDefinitions requested) {
        try (LocalCopies.Lease copy = copy(dataset, version)) {
            CuratedVersion curated = new CuratedDatasetReader().open(copy.directory());
            FeatureDefinitions configured = definitions(curated.manifest());
            if (requested != null) {
                requireAttributesOf(curated.manifest(), requested.attributes(), "the requested definitions' attributes");
            }
            boolean isConfigured = requested == null || configured.hash().equals(requested.hash());
            SyncReport report = run(dataset, version, curated, isConfigured ? configured : requested, isConfigured);
            return new Materialized(report, curated.products().stream()
                    .map(p -> new Launch(p.id(), p.launchDate().atStartOfDay(ZoneOffset.UTC).toInstant())).toList());
        }
    }

    /** The completion record of a materialization and the launches whose features it holds. */
    public record Materialized(SyncReport report, List<Launch> launches) {
    }

    /** A product as of its launch: the entity of a launch training set. */
    public record Launch(String productId, Instant launchedAt) {
    }

    /**
     * The version's local copy while it is read: the features computed from it are what is kept (in the offline
     * and online stores), so the copy goes when the sync is done, not one a publication left for good.
     */
    private LocalCopies.Lease copy(String dataset, String version) {
        String prefix = "curated/" + dataset + "/v=" + version + "/";
        if (store.head(prefix + "_manifest.json").isEmpty()) {
            throw new UnknownDatasetVersionException("dataset " + dataset + " has no published version " + version);
        }
        return copies.lease(prefix, datasetCache.resolve(dataset).resolve("v=" + version));
    }

    private SyncReport run(String dataset, String version, CuratedVersion curated, FeatureDefinitions definitions,
            boolean toOnlineStore) {
        String marker = "features/sync/" + dataset + "/" + version + "/" + definitions.hash() + ".json";
        // one sync of a version under one set of definitions at a time: a second one waits, then finds the marker
        synchronized (running.computeIfAbsent(marker, k -> new Object())) {
            Optional<SyncReport> done = store.head(marker).map(o -> json.readValue(store.read(marker), SyncReport.class));
            if (done.isPresent()) {
                log.info("features of {} {} with definitions {} already synced at {}: nothing to do", dataset, version,
                        definitions.hash().substring(0, 12), done.get().finishedAt());
                return done.get();
            }
            return write(dataset, version, curated, definitions, toOnlineStore, marker);
        }
    }

    /**
     * Computes and writes the features chunk by chunk ({@link FeatureProperties#chunkProducts()} products at a
     * time, in launch order), so that memory holds one chunk's records whatever the size of the version. The
     * completion record goes last: a sync that fails between chunks has none, and its rerun first removes the
     * offline rows the failed attempt wrote (its batches are named after the sync), then writes every chunk again.
     * The online store needs no such care: a record written again with the same event time is the same record.
     */
    private SyncReport write(String dataset, String version, CuratedVersion curated, FeatureDefinitions definitions,
            boolean toOnlineStore, String marker) {
        Instant started = Instant.now(clock);
        List<Product> products = curated.products();
        log.info("syncing features of {} {}: {} products, definitions {} {}{}", dataset, version, products.size(),
                FeatureDefinitions.VERSION, definitions.hash().substring(0, 12), toOnlineStore ? "" : " (offline store only)");
        String sync = Sha256.hex(marker.getBytes(StandardCharsets.UTF_8)).substring(0, 16);
        catalog.groups().forEach(g -> offline.discardBatches(g.name(), sync + "-"));
        LaunchHistory history = LaunchHistory.of(products, curated.sales(), definitions, product -> true);
        LaunchFeatureComputer computer = new LaunchFeatureComputer(history,
                SignalHistory.of(curated.signals(), definitions.signalFamily()), new LaunchPlan(products, definitions),
                SWEEP_DATES_KEPT);
        Map<String, Long> counts = new LinkedHashMap<>();
        catalog.groups().forEach(g -> counts.put(g.name(), 0L));
        int chunkSize = properties.chunkProducts();
        long count = 0;
        for (int from = 0, chunk = 0; from < products.size(); from += chunkSize, chunk++) {
            Map<String, List<FeatureRecord>> byGroup = new LinkedHashMap<>();
            catalog.groups().forEach(g -> byGroup.put(g.name(), new ArrayList<>()));
            for (Product product : products.subList(from, Math.min(products.size(), from + chunkSize))) {
                LaunchFeatures features = computer.compute(product, product.launchDate());
                split(product, features).forEach((group, record) -> byGroup.get(group).add(record));
                count++;
            }
            // the attempt's start in the batch name: a local mirror never mistakes a rerun's file for an old one
            String batch = sync + "-" + String.format(Locale.ROOT, "%06d", chunk) + "-" + started.toEpochMilli();
            for (Map.Entry<String, List<FeatureRecord>> group : byGroup.entrySet()) {
                offline.append(group.getKey(), group.getValue(), started, definitions.hash(), batch);
                if (toOnlineStore) {
                    online.put(group.getKey(), group.getValue());
                }
                counts.merge(group.getKey(), (long) group.getValue().size(), Long::sum);
            }
            double seconds = Math.max(1e-3, Duration.between(started, Instant.now(clock)).toMillis() / 1000.0);
            log.info("features {}/{} products ({}%) written, {} products/s", count, products.size(),
                    100 * count / products.size(), Math.round(count / seconds));
        }
        Instant finished = Instant.now(clock);
        double seconds = Math.max(1e-3, Duration.between(started, finished).toMillis() / 1000.0);
        SyncReport report = new SyncReport(dataset, version, FeatureDefinitions.VERSION, definitions.hash(),
                count, counts, started, finished, count / seconds);
        store.put(marker, json.writeValueAsBytes(report), "application/json");
        log.info("synced features of {} {}: {} products in {} s ({} products/s), records per group {}", dataset,
                version, count, seconds, Math.round(count / seconds), counts);
        if (toOnlineStore && properties.compactOnlineBelowFillRate() > 0) {
            compactOnlineStore();
        }
        if (toOnlineStore) {
            events.publish(new FeaturesUpdated(Events.newEventId(), finished, definitions.hash(), dataset, version, count));
        }
        return report;
    }

    /**
     * A sync rewrites records all over the online store; when little of its storage is live any more, the live
     * records are copied into fresh storage (the store's readers keep answering). A failure leaves the store as it
     * was and the sync complete: the next sync tries again.
     */
    private void compactOnlineStore() {
        try {
            Compaction compaction = online.compact(properties.compactOnlineBelowFillRate());
            if (!compaction.compacted()) {
                log.info("online store not compacted: {} % live (compacts below {} %)", compaction.fillRate(),
                        properties.compactOnlineBelowFillRate());
            }
        } catch (RuntimeException e) {
            log.warn("compacting the online store after the sync failed; it is as it was: {}", e.toString());
        }
    }

    /**
     * The feature definitions for a dataset: its period and attributes unless configured otherwise; the signal
     * family is the library's default ({@code trend}), which mappings name their search-trend signals.
     *
     * @throws UnknownAttributeException if a configured attribute is not one the dataset declares
     */
    public FeatureDefinitions definitions(DatasetManifest manifest) {
        FeatureDefinitions definitions = FeatureDefinitions.forDataset(manifest, properties.horizon());
        if (!properties.attributes().isEmpty()) {
            requireAttributesOf(manifest, properties.attributes(), "launchcast.features.attributes");
            definitions = definitions.withAttributes(properties.attributes());
        }
        return definitions;
    }

    private static void requireAttributesOf(DatasetManifest manifest, List<String> names, String source) {
        manifest.nonCategoricalAttribute(source, names).ifPresent(why -> {
            throw new UnknownAttributeException(why);
        });
    }

    /** One record per group owning some of the product's features; event time is the launch (the as-of). */
    Map<String, FeatureRecord> split(Product product, LaunchFeatures features) {
        Instant eventTime = features.asOf().atStartOfDay(ZoneOffset.UTC).toInstant();
        Map<String, Map<String, Object>> values = new LinkedHashMap<>();
        Map<String, Object> all = new LinkedHashMap<>(features.categorical());
        all.putAll(features.numeric());
        all.forEach((name, value) -> catalog.groupOf(name)
                .ifPresent(g -> values.computeIfAbsent(g.name(), k -> new LinkedHashMap<>()).put(name, value)));
        Map<String, FeatureRecord> records = new LinkedHashMap<>();
        values.forEach((group, v) -> records.put(group, new FeatureRecord(product.id(), eventTime, v)));
        return records;
    }
}

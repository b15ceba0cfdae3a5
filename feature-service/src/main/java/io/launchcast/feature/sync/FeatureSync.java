package io.launchcast.feature.sync;

import io.launchcast.feature.group.FeatureGroupCatalog;
import io.launchcast.feature.group.FeatureRecord;
import io.launchcast.feature.offline.OfflineStore;
import io.launchcast.feature.online.OnlineStore;
import io.launchcast.features.compute.FeatureDefinitions;
import io.launchcast.features.compute.LaunchFeatureComputer;
import io.launchcast.features.compute.LaunchFeatures;
import io.launchcast.features.compute.LaunchHistory;
import io.launchcast.features.compute.LaunchPlan;
import io.launchcast.features.compute.SignalHistory;
import io.launchcast.features.dataset.CuratedDataset;
import io.launchcast.features.dataset.CuratedDatasetReader;
import io.launchcast.features.dataset.Product;
import io.launchcast.platform.events.EventPublisher;
import io.launchcast.platform.events.Events;
import io.launchcast.platform.events.FeaturesUpdated;
import io.launchcast.platform.objectstore.ObjectStore;
import io.launchcast.platform.objectstore.ObjectStoreMirror;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Computes and stores the launch features of one curated dataset version. A completed sync leaves a record at
 * {@code features/sync/<dataset>/<version>/<definitions-hash>.json}; a replay finds it and does nothing. Until
 * that record exists, readers keep seeing the previous features: the offline store only gains rows, and the
 * online store only takes records at least as new as the ones it holds.
 */
public class FeatureSync {

    private static final Logger log = LoggerFactory.getLogger(FeatureSync.class);

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
    private final Clock clock;

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
        this.clock = clock;
    }

    /** Syncs the dataset version whose manifest is at {@code curated/<dataset>/v=<version>/_manifest.json}. */
    public SyncReport sync(String dataset, String version) {
        CuratedDataset curated = curated(dataset, version);
        return run(dataset, version, curated, definitions(curated), true);
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
        CuratedDataset curated = curated(dataset, version);
        FeatureDefinitions configured = definitions(curated);
        boolean isConfigured = requested == null || configured.hash().equals(requested.hash());
        SyncReport report = run(dataset, version, curated, isConfigured ? configured : requested, isConfigured);
        return new Materialized(report, curated.products().stream()
                .map(p -> new Launch(p.id(), p.launchDate().atStartOfDay(ZoneOffset.UTC).toInstant())).toList());
    }

    /** The completion record of a materialization and the launches whose features it holds. */
    public record Materialized(SyncReport report, List<Launch> launches) {
    }

    /** A product as of its launch: the entity of a launch training set. */
    public record Launch(String productId, Instant launchedAt) {
    }

    private CuratedDataset curated(String dataset, String version) {
        String prefix = "curated/" + dataset + "/v=" + version + "/";
        if (store.head(prefix + "_manifest.json").isEmpty()) {
            throw new UnknownDatasetVersionException("dataset " + dataset + " has no published version " + version);
        }
        Path local = datasetCache.resolve(dataset).resolve("v=" + version);
        ObjectStoreMirror.mirror(store, prefix, local);
        return new CuratedDatasetReader().read(local);
    }

    private SyncReport run(String dataset, String version, CuratedDataset curated, FeatureDefinitions definitions,
            boolean toOnlineStore) {
        String marker = "features/sync/" + dataset + "/" + version + "/" + definitions.hash() + ".json";
        Optional<SyncReport> done = store.head(marker).map(o -> json.readValue(store.read(marker), SyncReport.class));
        if (done.isPresent()) {
            log.info("features of {} {} with definitions {} already synced at {}: nothing to do", dataset, version,
                    definitions.hash().substring(0, 12), done.get().finishedAt());
            return done.get();
        }
        Instant started = Instant.now(clock);
        log.info("syncing features of {} {}: {} products, definitions {} {}{}", dataset, version,
                curated.products().size(), FeatureDefinitions.VERSION, definitions.hash().substring(0, 12),
                toOnlineStore ? "" : " (offline store only)");
        LaunchHistory history = LaunchHistory.of(curated, definitions, product -> true);
        LaunchFeatureComputer computer = new LaunchFeatureComputer(history,
                SignalHistory.of(curated, definitions.signalFamily()), new LaunchPlan(curated.products(), definitions));
        Map<String, List<FeatureRecord>> byGroup = new LinkedHashMap<>();
        catalog.groups().forEach(g -> byGroup.put(g.name(), new ArrayList<>()));
        long count = 0;
        for (Product product : curated.products()) {
            LaunchFeatures features = computer.compute(product, product.launchDate());
            split(product, features).forEach((group, record) -> byGroup.get(group).add(record));
            if (++count % 1000 == 0) {
                double seconds = Math.max(1e-3, Duration.between(started, Instant.now(clock)).toMillis() / 1000.0);
                log.info("features {}/{} products ({}%), {} products/s", count, curated.products().size(),
                        100 * count / curated.products().size(), Math.round(count / seconds));
            }
        }
        Instant written = Instant.now(clock);
        Map<String, Long> counts = new LinkedHashMap<>();
        byGroup.forEach((group, records) -> {
            offline.append(group, records, written, definitions.hash());
            if (toOnlineStore) {
                online.put(group, records);
            }
            counts.put(group, (long) records.size());
        });
        Instant finished = Instant.now(clock);
        double seconds = Math.max(1e-3, Duration.between(started, finished).toMillis() / 1000.0);
        SyncReport report = new SyncReport(dataset, version, FeatureDefinitions.VERSION, definitions.hash(),
                count, counts, started, finished, count / seconds);
        store.put(marker, json.writeValueAsBytes(report), "application/json");
        log.info("synced features of {} {}: {} products in {} s ({} products/s), records per group {}", dataset,
                version, count, seconds, Math.round(count / seconds), counts);
        if (toOnlineStore) {
            events.publish(new FeaturesUpdated(Events.newEventId(), finished, definitions.hash(), dataset, version, count));
        }
        return report;
    }

    /**
     * The feature definitions for a dataset: its period and attributes unless configured otherwise; the signal
     * family is the library's default ({@code trend}), which mappings name their search-trend signals.
     */
    public FeatureDefinitions definitions(CuratedDataset curated) {
        FeatureDefinitions definitions = FeatureDefinitions.forDataset(curated.manifest(), properties.horizon());
        if (!properties.attributes().isEmpty()) {
            definitions = definitions.withAttributes(properties.attributes());
        }
        return definitions;
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

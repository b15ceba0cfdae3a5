package io.launchcast.forecast.training;

import io.launchcast.features.dataset.CuratedDatasetReader;
import io.launchcast.features.dataset.CuratedVersion;
import io.launchcast.forecast.accuracy.AccuracyConfig;
import io.launchcast.forecast.accuracy.AccuracyEvaluation;
import io.launchcast.platform.objectstore.ObjectStore;
import io.launchcast.platform.datasets.DatasetVersions;
import io.launchcast.platform.objectstore.LocalCopies;
import io.launchcast.features.trainingset.TrainingSetReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import tools.jackson.databind.json.JsonMapper;

/**
 * Curated dataset versions mirrored locally, and their split data for a training configuration, built once per
 * (version, configuration) and shared by the steps of a run and by serving. A version's sales stay on disk and
 * are streamed whenever a history is built; a training set's features are read only for the launches a run
 * fits and tests on, each set cut to a time-stratified sample above its maximum (docs/adr/0110).
 */
public class TrainingData {

    /** A dataset version ready to train or serve from: its products and signals, its sales on disk. */
    public record Loaded(String dataset, String version, String manifestKey, CuratedVersion curated,
            AccuracyEvaluation evaluation) {
    }

    /** The split a run is on, keyed by version and training set: the steps of one run share it. */
    private record CachedSplit(String key, AccuracyEvaluation.SplitData split) {
    }

    private final ObjectStore store;
    private final DatasetVersions versions;
    private final Path cache;
    private final int maxFitLaunches;
    private final int maxTestLaunches;
    /**
     * The most versions kept loaded: one serving forecasts from and one a run trains on. Serving moves to every
     * newly published version (ADR 0171), so keeping each one ever loaded would grow the heap with each publication;
     * a version asked for again after that is read again.
     */
    static final int VERSIONS_KEPT = 2;

    /** The most training sets kept on disk: the one a run is on and the one before it. */
    static final int TRAINING_SETS_KEPT = 2;

    private final Map<String, Loaded> loaded = new ConcurrentHashMap<>();
    /** The loaded versions, least recently asked for first: beyond the most kept, the eldest goes (guarded by itself). */
    private final Map<String, Boolean> recentlyUsed = new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            if (size() <= VERSIONS_KEPT) {
                return false;
            }
            Loaded gone = loaded.remove(eldest.getKey());
            if (gone != null && !isLoaded(mirrorOf(gone.dataset(), gone.version()))) {
                copies.letGo(mirrorOf(gone.dataset(), gone.version()));
            }
            return true;
        }
    };
    /** The local copies of the versions: kept while loaded, and while a reader leases one pushed out meanwhile. */
    private final LocalCopies copies;
    private CachedSplit split;

    /** Training data that never samples (every fit and test launch is read). */
    public TrainingData(ObjectStore store, Path cache) {
        this(store, cache, Integer.MAX_VALUE, Integer.MAX_VALUE);
    }

    /**
     * @param maxFitLaunches  most fit launches a split keeps (more are sampled down to it)
     * @param maxTestLaunches most test launches a split keeps (more are sampled down to it)
     */
    public TrainingData(ObjectStore store, Path cache, int maxFitLaunches, int maxTestLaunches) {
        this(store, cache, maxFitLaunches, maxTestLaunches, new LocalCopies(store));
    }

    /** @param copies the local copies of dataset versions under {@code cache}, shared with their other readers */
    public TrainingData(ObjectStore store, Path cache, int maxFitLaunches, int maxTestLaunches, LocalCopies copies) {
        this.store = store;
        this.versions = new DatasetVersions(store, JsonMapper.builder().build());
        this.cache = cache;
        this.maxFitLaunches = maxFitLaunches;
        this.maxTestLaunches = maxTestLaunches;
        this.copies = copies;
    }

    /**
     * The version a run trains on (see {@link DatasetVersions#usableVersion}).
     *
     * @throws DatasetVersions.UnusableVersionException saying why there is none
     */
    public String usableVersion(String dataset, String version) {
        return versions.usableVersion(dataset, version);
    }

    /** The newest published version of {@code dataset} that was not withdrawn (versions sort by time). */
    public Optional<String> latestVersion(String dataset) {
        return versions.latestUsable(dataset);
    }

    /**
     * A training configuration that does not fit the data (an attribute it does not have, free text listed as a
     * category) or cannot be read: the same on every attempt, so a run fails at once instead of retrying it.
     */
    public static final class InvalidTrainingConfigurationException extends IllegalArgumentException {

        InvalidTrainingConfigurationException(Path configFile, String dataset, String version,
                IllegalArgumentException cause) {
            super("training configuration " + configFile + " does not fit " + dataset + " " + version + ": "
                    + cause.getMessage(), cause);
        }
    }

    /**
     * A dataset version loaded for a training configuration, its local files kept until the lease is closed.
     *
     * @throws InvalidTrainingConfigurationException when the configuration cannot be read or names what the data lack
     */
    public Lease lease(String dataset, String version, Path configFile) {
        String versionKey = dataset + "/" + version + "|" + configFile.toAbsolutePath();
        if (!loaded.containsKey(versionKey)) {
            versions.usableVersion(dataset, version); // a withdrawn version is refused before it is copied
        }
        Path local = mirrorOf(dataset, version);
        LocalCopies.Lease copy = copies.lease(prefixOf(dataset, version), local);
        try {
            return new Lease(loadCopied(versionKey, dataset, version, configFile), copy);
        } catch (RuntimeException e) {
            copy.close();
            throw e;
        }
    }

    /**
     * A loaded version in use: its local copy (the sales a history streams) stays on disk until every lease on it is
     * closed, even when newer versions push it out of the loaded ones meanwhile.
     */
    public static final class Lease implements AutoCloseable {

        private final Loaded loaded;
        private final LocalCopies.Lease copy;

        private Lease(Loaded loaded, LocalCopies.Lease copy) {
            this.loaded = loaded;
            this.copy = copy;
        }

        public Loaded loaded() {
            return loaded;
        }

        @Override
        public void close() {
            copy.close();
        }
    }

    private Path mirrorOf(String dataset, String version) {
        return cache.resolve(dataset).resolve("v=" + version);
    }

    private static String prefixOf(String dataset, String version) {
        return "curated/" + dataset + "/v=" + version + "/";
    }

    private boolean isLoaded(Path mirror) {
        return loaded.values().stream().anyMatch(l -> mirrorOf(l.dataset(), l.version()).equals(mirror));
    }

    /**
     * The version loaded, without a lease: its local copy may be deleted once newer versions push it out, so only for
     * what is read at once (its products and manifest are in memory), not for streaming its sales later.
     *
     * @throws InvalidTrainingConfigurationException when the configuration cannot be read or names what the data lack
     */
    public Loaded load(String dataset, String version, Path configFile) {
        try (Lease lease = lease(dataset, version, configFile)) {
            return lease.loaded();
        }
    }

    /** The version loaded from its local copy, which the caller holds a lease on. */
    private Loaded loadCopied(String versionKey, String dataset, String version, Path configFile) {
        Loaded found = loaded.computeIfAbsent(versionKey, key -> {
            Path local = mirrorOf(dataset, version);
            CuratedVersion curated = new CuratedDatasetReader().open(local);
            Loaded read;
            try {
                AccuracyConfig config = AccuracyConfig.read(configFile).withDataset(local);
                read = new Loaded(dataset, version, prefixOf(dataset, version) + "_manifest.json", curated,
                        new AccuracyEvaluation(config, curated));
            } catch (IllegalArgumentException e) {
                throw new InvalidTrainingConfigurationException(configFile, dataset, version, e);
            }
            copies.keep(local); // while loaded: a history streams its sales from it
            return read;
        });
        synchronized (recentlyUsed) {
            recentlyUsed.put(versionKey, Boolean.TRUE);
        }
        return found;
    }

    /**
     * The split of a loaded version with the features of a feature store training set (fit and test launches,
     * and the history the models draw on), built once per training set. Only the latest split is kept: the
     * steps of a run share it, and a split of a large version is much of the heap.
     */
    public synchronized AccuracyEvaluation.SplitData split(Loaded data, String trainingSetKey,
            String definitionsHash) {
        String key = data.dataset() + "/" + data.version() + "|" + trainingSetKey;
        if (split != null && split.key().equals(key)) {
            return split.split();
        }
        split = null; // let the previous one go before the next is built
        AccuracyEvaluation.SplitData built = buildSplit(data, trainingSetKey, definitionsHash);
        split = new CachedSplit(key, built);
        return built;
    }

    /**
     * Lets go of the split of {@code trainingSetKey} once its run is done with it: at a million launches it is
     * a history of every launch besides the one serving keeps. A later step that asks again rebuilds it from the
     * training set already on disk.
     */
    public synchronized void release(Loaded data, String trainingSetKey) {
        if (split != null && split.key().equals(data.dataset() + "/" + data.version() + "|" + trainingSetKey)) {
            split = null;
        }
    }

    /**
     * Keeps the newest training sets but one, making room for the one about to be fetched: every run fetches its
     * own, and a later step of an older run fetches it again if it needs it (called under this object's lock, as
     * every read of a training set is).
     */
    static void deleteOlderTrainingSets(Path directory) throws IOException {
        List<Path> sets;
        try (Stream<Path> files = Files.list(directory)) {
            sets = files.filter(Files::isRegularFile)
                    .sorted(Comparator.comparing((Path f) -> lastModified(f)).reversed()).toList();
        }
        for (Path old : sets.subList(Math.min(sets.size(), TRAINING_SETS_KEPT - 1), sets.size())) {
            Files.deleteIfExists(old);
        }
    }

    private static java.nio.file.attribute.FileTime lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return java.nio.file.attribute.FileTime.fromMillis(0);
        }
    }

    private AccuracyEvaluation.SplitData buildSplit(Loaded data, String trainingSetKey, String definitionsHash) {
        Path parquet = cache.resolve("training-sets").resolve(trainingSetKey.replace('/', '_'));
        try {
            if (!Files.isRegularFile(parquet)) {
                Files.createDirectories(parquet.getParent());
                deleteOlderTrainingSets(parquet.getParent());
                Path partial = Files.createTempFile(parquet.getParent(), "download-", ".parquet");
                try (InputStream in = store.open(trainingSetKey)) {
                    Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                }
                Files.move(partial, parquet, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot fetch training set " + trainingSetKey, e);
        }
        AccuracyEvaluation.SplitLaunches launches = data.evaluation().splitLaunches(maxFitLaunches,
                maxTestLaunches);
        Set<String> wanted = launches.productIds();
        return data.evaluation().splitData(launches, TrainingSetReader.read(parquet, definitionsHash,
                wanted::contains));
    }
}

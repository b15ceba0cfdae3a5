package io.launchcast.forecast.training;

import io.launchcast.features.dataset.CuratedDatasetReader;
import io.launchcast.features.dataset.CuratedVersion;
import io.launchcast.forecast.accuracy.AccuracyConfig;
import io.launchcast.forecast.accuracy.AccuracyEvaluation;
import io.launchcast.platform.objectstore.ObjectStore;
import io.launchcast.platform.datasets.DatasetVersions;
import io.launchcast.platform.objectstore.ObjectStoreMirror;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * Curated dataset versions mirrored locally, and their split data for a training configuration, built once per
 * (version, configuration) and shared by the steps of a run and by serving. A version's sales stay on disk and
 * are streamed whenever a history is built; a training set's features are read only for the launches a run
 * fits and tests on, each set cut to a time-stratified sample above its maximum (docs/adr/0110).
 */
public class TrainingData {

    private static final Logger log = LoggerFactory.getLogger(TrainingData.class);

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
            if (gone != null) {
                mirrors.letGo(mirrorOf(gone.dataset(), gone.version()));
            }
            return true;
        }
    };
    private final Mirrors mirrors = new Mirrors();
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
        this.store = store;
        this.versions = new DatasetVersions(store, JsonMapper.builder().build());
        this.cache = cache;
        this.maxFitLaunches = maxFitLaunches;
        this.maxTestLaunches = maxTestLaunches;
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
        Path local = mirrorOf(dataset, version);
        mirrors.take(local);
        try {
            return new Lease(load(dataset, version, configFile), local);
        } catch (RuntimeException e) {
            mirrors.give(local, isLoaded(local));
            throw e;
        }
    }

    /**
     * A loaded version in use: its local copy (the sales a history streams) stays on disk until every lease on it is
     * closed, even when newer versions push it out of the loaded ones meanwhile.
     */
    public final class Lease implements AutoCloseable {

        private final Loaded loaded;
        private final Path mirror;
        private boolean closed;

        private Lease(Loaded loaded, Path mirror) {
            this.loaded = loaded;
            this.mirror = mirror;
        }

        public Loaded loaded() {
            return loaded;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                mirrors.give(mirror, isLoaded(mirror));
            }
        }
    }

    private Path mirrorOf(String dataset, String version) {
        return cache.resolve(dataset).resolve("v=" + version);
    }

    private boolean isLoaded(Path mirror) {
        return loaded.values().stream().anyMatch(l -> mirrorOf(l.dataset(), l.version()).equals(mirror));
    }

    /**
     * Which local copies of dataset versions are in use. Serving moves to every newly published version (ADR 0171),
     * so a copy of each version ever loaded would fill the disk by a version a publication; a copy is deleted once its
     * version is no longer loaded and no lease holds it. One lock: a copy is never deleted while it is being mirrored
     * again for a new lease.
     */
    private final class Mirrors {

        private final Map<Path, Integer> leases = new java.util.HashMap<>();

        synchronized void take(Path mirror) {
            leases.merge(mirror, 1, Integer::sum);
        }

        synchronized void give(Path mirror, boolean stillLoaded) {
            if (leases.merge(mirror, -1, Integer::sum) <= 0) {
                leases.remove(mirror);
                if (!stillLoaded) {
                    delete(mirror);
                }
            }
        }

        /** Its version is no longer loaded: deleted now, or when the last lease on it is closed. */
        synchronized void letGo(Path mirror) {
            if (!leases.containsKey(mirror) && !isLoaded(mirror)) {
                delete(mirror);
            }
        }

        private void delete(Path mirror) {
            try {
                FileSystemUtils.deleteRecursively(mirror);
            } catch (IOException e) {
                // the copy is only a cache: loading the version again mirrors what is missing
                log.warn("could not delete the local copy {}: {}", mirror, e.toString());
            }
        }
    }

    /**
     * The version loaded, without a lease: its local copy may be deleted once newer versions push it out, so only for
     * what is read at once (its products and manifest are in memory), not for streaming its sales later.
     *
     * @throws InvalidTrainingConfigurationException when the configuration cannot be read or names what the data lack
     */
    public Loaded load(String dataset, String version, Path configFile) {
        String versionKey = dataset + "/" + version + "|" + configFile.toAbsolutePath();
        Loaded found = loaded.computeIfAbsent(versionKey, key -> {
            Path local = mirrorOf(dataset, version);
            String prefix = "curated/" + dataset + "/v=" + version + "/";
            versions.usableVersion(dataset, version);
            ObjectStoreMirror.mirror(store, prefix, local);
            CuratedVersion curated = new CuratedDatasetReader().open(local);
            try {
                AccuracyConfig config = AccuracyConfig.read(configFile).withDataset(local);
                return new Loaded(dataset, version, prefix + "_manifest.json", curated,
                        new AccuracyEvaluation(config, curated));
            } catch (IllegalArgumentException e) {
                throw new InvalidTrainingConfigurationException(configFile, dataset, version, e);
            }
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

package io.launchcast.forecast.training;

import io.launchcast.features.dataset.CuratedDataset;
import io.launchcast.features.dataset.CuratedDatasetReader;
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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.json.JsonMapper;

/**
 * Curated dataset versions mirrored locally, and their split data for a training configuration, built once per
 * (version, configuration) and shared by the steps of a run and by serving.
 */
public class TrainingData {

    /** A dataset version ready to train or serve from. */
    public record Loaded(String dataset, String version, String manifestKey, CuratedDataset curated,
            AccuracyEvaluation evaluation) {
    }

    private final ObjectStore store;
    private final DatasetVersions versions;
    private final Path cache;
    private final Map<String, Loaded> loaded = new ConcurrentHashMap<>();
    private final Map<String, AccuracyEvaluation.SplitData> splits = new ConcurrentHashMap<>();

    public TrainingData(ObjectStore store, Path cache) {
        this.store = store;
        this.versions = new DatasetVersions(store, JsonMapper.builder().build());
        this.cache = cache;
    }

    /** The newest published version of {@code dataset} that was not withdrawn (versions sort by time). */
    public Optional<String> latestVersion(String dataset) {
        return versions.latestUsable(dataset);
    }

    public Loaded load(String dataset, String version, Path configFile) {
        return loaded.computeIfAbsent(dataset + "/" + version + "|" + configFile.toAbsolutePath(), key -> {
            Path local = cache.resolve(dataset).resolve("v=" + version);
            String prefix = "curated/" + dataset + "/v=" + version + "/";
            if (store.head(prefix + "_manifest.json").isEmpty()) {
                throw new IllegalArgumentException("dataset " + dataset + " has no published version " + version);
            }
            versions.withdrawal(dataset, version).ifPresent(w -> {
                throw new IllegalArgumentException("dataset " + dataset + " version " + version + " was withdrawn by "
                        + w.withdrawnBy() + " (" + w.reason() + "); pin another version");
            });
            ObjectStoreMirror.mirror(store, prefix, local);
            CuratedDataset curated = new CuratedDatasetReader().read(local);
            AccuracyConfig config = AccuracyConfig.read(configFile).withDataset(local);
            return new Loaded(dataset, version, prefix + "_manifest.json", curated,
                    new AccuracyEvaluation(config, curated));
        });
    }

    /**
     * The split of a loaded version with the features of a feature store training set (fit and test launches,
     * and the history the models draw on), built once per training set.
     */
    public AccuracyEvaluation.SplitData split(Loaded data, String trainingSetKey, String definitionsHash) {
        return splits.computeIfAbsent(data.dataset() + "/" + data.version() + "|" + trainingSetKey, key -> {
            Path parquet = cache.resolve("training-sets").resolve(trainingSetKey.replace('/', '_'));
            try {
                if (!Files.isRegularFile(parquet)) {
                    Files.createDirectories(parquet.getParent());
                    Path partial = Files.createTempFile(parquet.getParent(), "download-", ".parquet");
                    try (InputStream in = store.open(trainingSetKey)) {
                        Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                    }
                    Files.move(partial, parquet, StandardCopyOption.ATOMIC_MOVE);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot fetch training set " + trainingSetKey, e);
            }
            return data.evaluation().splitData(TrainingSetReader.read(parquet, definitionsHash));
        });
    }
}

package io.launchcast.ingestion.curated;

import io.launchcast.platform.objectstore.NoSuchObjectException;
import io.launchcast.platform.objectstore.ObjectStore;
import io.launchcast.platform.objectstore.ObjectSummary;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import tools.jackson.databind.json.JsonMapper;

/**
 * Curated dataset versions in the object store. A version exists exactly when its manifest does: readers list
 * manifests, never directories, so files of an unfinished publication are invisible.
 */
public class DatasetRepository {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final ObjectStore store;

    public DatasetRepository(ObjectStore store) {
        this.store = store;
    }

    /** Names of datasets with at least one published version. */
    public List<String> datasets() {
        TreeSet<String> names = new TreeSet<>();
        for (ObjectSummary object : store.list("curated/")) {
            if (object.key().endsWith("/" + Manifest.FILE_NAME)) {
                names.add(object.key().split("/")[1]);
            }
        }
        return List.copyOf(names);
    }

    /** Version ids of a dataset, oldest first. */
    public List<String> versions(String dataset) {
        return store.list("curated/" + dataset + "/v=").stream()
                .map(ObjectSummary::key)
                .filter(k -> k.endsWith("/" + Manifest.FILE_NAME))
                .map(k -> k.substring(("curated/" + dataset + "/v=").length(), k.length() - Manifest.FILE_NAME.length() - 1))
                .sorted()
                .toList();
    }

    public Optional<Manifest> find(String dataset, String version) {
        try {
            return Optional.of(JSON.readValue(store.read(Manifest.key(dataset, version)), Manifest.class));
        } catch (NoSuchObjectException e) {
            return Optional.empty();
        }
    }

    /** The raw manifest bytes, as stored. */
    public Optional<byte[]> manifestBytes(String dataset, String version) {
        try {
            return Optional.of(store.read(Manifest.key(dataset, version)));
        } catch (NoSuchObjectException e) {
            return Optional.empty();
        }
    }

    /** The published version holding exactly this content, if any: re-ingesting it publishes nothing new. */
    public Optional<Manifest> findByContentHash(String dataset, String contentHash) {
        return versions(dataset).stream()
                .filter(v -> v.endsWith("-" + contentHash.substring(0, 12)))
                .map(v -> find(dataset, v))
                .flatMap(Optional::stream)
                .filter(m -> m.contentHash().equals(contentHash))
                .max(Comparator.comparing(Manifest::version));
    }

    /**
     * Publishes a version: uploads every file, then the manifest. Until the manifest's single atomic PUT the
     * version does not exist; a crash before it leaves only invisible files, which
     * {@link #deleteUnpublished} removes.
     *
     * @param files files under {@code localDir}, keyed by their relative path below the version prefix
     */
    public void publish(Manifest manifest, Path localDir, List<Path> files) {
        String prefix = Manifest.prefix(manifest.dataset(), manifest.version());
        for (Path file : files) {
            store.put(prefix + file.toString().replace('\\', '/'), localDir.resolve(file),
                    "application/vnd.apache.parquet");
        }
        store.put(Manifest.key(manifest.dataset(), manifest.version()),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest), "application/json");
    }

    /** Removes the files of a version whose manifest was never written; a published version is left alone. */
    public int deleteUnpublished(String dataset, String version) {
        if (store.head(Manifest.key(dataset, version)).isPresent()) {
            return 0;
        }
        List<ObjectSummary> orphans = store.list(Manifest.prefix(dataset, version));
        orphans.forEach(o -> store.delete(o.key()));
        return orphans.size();
    }
}

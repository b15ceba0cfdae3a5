package io.launchcast.platform.objectstore;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.Predicate;

/**
 * Copies an immutable set of objects (a dataset version, a training set) to a local directory so that local
 * engines (DuckDB) can read them as files. Objects already mirrored with the same size are not fetched again;
 * each file is written to a temporary name and moved into place, so a crash never leaves a half-copied file
 * under a real name.
 */
public final class ObjectStoreMirror {

    private ObjectStoreMirror() {
    }

    /**
     * Mirrors every object under {@code prefix} into {@code directory}, keeping the key's path below the prefix.
     *
     * @return the number of objects fetched (0 when the mirror was already complete)
     */
    public static int mirror(ObjectStore store, String prefix, Path directory) {
        return mirror(store, prefix, directory, key -> true);
    }

    /**
     * Mirrors the objects under {@code prefix} whose key below the prefix is {@code wanted} (a version's products
     * without its sales) into {@code directory}.
     *
     * @return the number of objects fetched
     */
    public static int mirror(ObjectStore store, String prefix, Path directory, Predicate<String> wanted) {
        List<ObjectSummary> objects = store.list(prefix);
        int fetched = 0;
        try {
            for (ObjectSummary object : objects) {
                if (!wanted.test(object.key().substring(prefix.length()))) {
                    continue;
                }
                Path target = directory.resolve(object.key().substring(prefix.length())).normalize();
                if (!target.startsWith(directory)) {
                    throw new ObjectStoreException("key " + object.key() + " escapes the mirror directory");
                }
                if (Files.isRegularFile(target) && Files.size(target) == object.size()) {
                    continue;
                }
                Files.createDirectories(target.getParent());
                Path partial = target.resolveSibling(target.getFileName() + ".partial");
                try (InputStream in = store.open(object.key())) {
                    Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                }
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                fetched++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("mirroring " + prefix + " to " + directory + " failed", e);
        }
        return fetched;
    }
}

package io.launchcast.platform.objectstore;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;

/**
 * Local copies of immutable sets of objects (a dataset version) that local engines read as files, deleted once
 * nothing uses them. A reader takes a {@link Lease} for as long as it reads; a copy kept ({@link #keep}) outlives its
 * leases until {@link #letGo}. Each service mirrors every version it reads: without deleting, the disk fills by a
 * version a publication, the more so at a million products. The copies are caches of the object store, so deleting
 * one loses nothing; one lock orders leases and deletions, so a copy is never deleted while it is mirrored again for
 * a new lease, and one directory is mirrored by one reader at a time.
 */
public final class LocalCopies {

    private static final Logger log = LoggerFactory.getLogger(LocalCopies.class);

    private final ObjectStore store;
    private final Map<Path, Integer> leases = new HashMap<>();
    private final Set<Path> kept = new HashSet<>();
    private final Map<Path, Object> mirroring = new HashMap<>();

    public LocalCopies(ObjectStore store) {
        this.store = store;
    }

    /**
     * Mirrors the objects under {@code prefix} into {@code directory} (fetching only what is missing) and holds the
     * copy until the lease is closed.
     */
    public Lease lease(String prefix, Path directory) {
        return lease(prefix, directory, key -> true);
    }

    /**
     * Mirrors only the objects under {@code prefix} whose key below it is {@code wanted} (a reader that needs a
     * version's products, not its sales), and holds the copy until the lease is closed. The copy's directory is the
     * one a whole lease uses: a whole lease of it later fetches the rest.
     */
    public Lease lease(String prefix, Path directory, Predicate<String> wanted) {
        Path copy = directory.toAbsolutePath().normalize();
        Object lock;
        synchronized (this) {
            leases.merge(copy, 1, Integer::sum);
            lock = mirroring.computeIfAbsent(copy, k -> new Object());
        }
        try {
            synchronized (lock) {
                ObjectStoreMirror.mirror(store, prefix, copy, wanted);
            }
            return new Lease(copy);
        } catch (RuntimeException e) {
            release(copy);
            throw e;
        }
    }

    /** Keeps the copy at {@code directory} once its leases are closed, until {@link #letGo}. */
    public synchronized void keep(Path directory) {
        kept.add(directory.toAbsolutePath().normalize());
    }

    /** The copy need not be kept any more: deleted now, or when its last lease is closed. */
    public synchronized void letGo(Path directory) {
        Path copy = directory.toAbsolutePath().normalize();
        kept.remove(copy);
        if (!leases.containsKey(copy)) {
            delete(copy);
        }
    }

    /** Whether the copy at {@code directory} is in use (leased or kept): for tests and logs. */
    public synchronized boolean inUse(Path directory) {
        Path copy = directory.toAbsolutePath().normalize();
        return leases.containsKey(copy) || kept.contains(copy);
    }

    private synchronized void release(Path copy) {
        if (leases.merge(copy, -1, Integer::sum) <= 0) {
            leases.remove(copy);
            if (!kept.contains(copy)) {
                delete(copy);
            }
        }
    }

    private void delete(Path copy) {
        mirroring.remove(copy);
        try {
            FileSystemUtils.deleteRecursively(copy);
        } catch (IOException e) {
            // only a cache: the next lease mirrors what is missing
            log.warn("could not delete the local copy {}: {}", copy, e.toString());
            return;
        }
        // a copy is one version in its dataset's folder (<cache>/<dataset>/v=<version>): the folder goes with its
        // last version, or a cache that has seen many datasets keeps a folder for each; a lease mirroring a sibling
        // meanwhile has made the folder non-empty, or makes it again
        try {
            Files.deleteIfExists(copy.getParent());
        } catch (DirectoryNotEmptyException e) {
            // other versions of the dataset are there
        } catch (IOException e) {
            log.debug("could not delete the empty folder {}: {}", copy.getParent(), e.toString());
        }
    }

    /** A copy in use: its files stay until {@link #close()}. */
    public final class Lease implements AutoCloseable {

        private final Path directory;
        private boolean closed;

        private Lease(Path directory) {
            this.directory = directory;
        }

        public Path directory() {
            return directory;
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                release(directory);
            }
        }
    }
}

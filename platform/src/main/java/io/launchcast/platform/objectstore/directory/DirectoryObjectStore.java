package io.launchcast.platform.objectstore.directory;

import io.launchcast.platform.objectstore.NoSuchObjectException;
import io.launchcast.platform.objectstore.ObjectKeys;
import io.launchcast.platform.objectstore.ObjectStore;
import io.launchcast.platform.objectstore.ObjectSummary;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An object store on a local directory (one file per key, written atomically): for work that runs without the
 * suite — a data project ingested in process ({@code IngestFolderCommand}) — and for benchmarks that must measure
 * a service rather than an S3 stand-in's transfer and heap.
 */
public final class DirectoryObjectStore implements ObjectStore {

    /** The bucket its URIs name: a directory has none, and these URIs never leave the process. */
    private static final String BUCKET = "local-folder";

    private final Path root;

    public DirectoryObjectStore(Path root) {
        this.root = root;
    }

    private Path file(String key) {
        return root.resolve(key);
    }

    @Override
    public void put(String key, byte[] content, String contentType) {
        try {
            Files.createDirectories(file(key).getParent());
            Path temp = Files.createTempFile(file(key).getParent(), ".put", "");
            Files.write(temp, content);
            Files.move(temp, file(key), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void put(String key, Path source, String contentType) {
        try {
            Files.createDirectories(file(key).getParent());
            Files.copy(source, file(key), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void put(String key, InputStream content, long length, String contentType) {
        try {
            Files.createDirectories(file(key).getParent());
            Files.copy(content, file(key), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public InputStream open(String key) {
        try {
            return Files.newInputStream(file(key));
        } catch (IOException e) {
            throw new NoSuchObjectException(key);
        }
    }

    @Override
    public byte[] read(String key) {
        try {
            return Files.readAllBytes(file(key));
        } catch (IOException e) {
            throw new NoSuchObjectException(key);
        }
    }

    @Override
    public Optional<ObjectSummary> head(String key) {
        Path file = file(key);
        try {
            return Files.isRegularFile(file) ? Optional.of(new ObjectSummary(key, Files.size(file),
                    Long.toHexString(Files.getLastModifiedTime(file).toMillis()), Instant.now())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<ObjectSummary> list(String prefix) {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(k -> k.startsWith(prefix) && !k.contains("/.put")).sorted()
                    .map(k -> head(k).orElseThrow()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            Files.deleteIfExists(file(key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public URI uri(String key) {
        return ObjectKeys.uri(BUCKET, key);
    }

    @Override
    public String keyOf(URI uri) {
        return ObjectKeys.keyOf(uri, BUCKET);
    }

    @Override
    public boolean isReachable() {
        return true;
    }
}

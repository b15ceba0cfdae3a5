package io.launchcast.feature.bench;

import io.launchcast.platform.objectstore.NoSuchObjectException;
import io.launchcast.platform.objectstore.ObjectStore;
import io.launchcast.platform.objectstore.ObjectSummary;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Bench kit: an object store on a local directory (one file per key), so that a bench of a million products
 * measures the feature-service and not an S3 stand-in sharing its heap, and its data never sits in memory.
 */
public final class DirectoryObjectStore implements ObjectStore {

    private final Path root;

    public DirectoryObjectStore(Path root) {
        this.root = root.toAbsolutePath();
    }

    private Path file(String key) {
        return root.resolve(key);
    }

    @Override
    public void put(String key, byte[] content, String contentType) {
        try {
            Files.createDirectories(file(key).getParent());
            Files.write(file(key), content);
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
        } catch (NoSuchFileException e) {
            throw new NoSuchObjectException(key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public byte[] read(String key) {
        try (InputStream in = open(key)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Optional<ObjectSummary> head(String key) {
        try {
            Path f = file(key);
            return Files.isRegularFile(f)
                    ? Optional.of(new ObjectSummary(key, Files.size(f), "", Files.getLastModifiedTime(f).toInstant()))
                    : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<ObjectSummary> list(String prefix) {
        int slash = prefix.lastIndexOf('/');
        Path directory = slash < 0 ? root : root.resolve(prefix.substring(0, slash));
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile)
                    .map(f -> root.relativize(f).toString().replace('\\', '/'))
                    .filter(k -> k.startsWith(prefix)).sorted()
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
        return file(key).toUri();
    }

    @Override
    public String keyOf(URI uri) {
        return root.relativize(Path.of(uri)).toString().replace('\\', '/');
    }

    @Override
    public boolean isReachable() {
        return true;
    }
}

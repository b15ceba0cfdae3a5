package io.launchcast.monitor.bench;

import io.launchcast.platform.objectstore.NoSuchObjectException;
import io.launchcast.platform.objectstore.ObjectStore;
import io.launchcast.platform.objectstore.ObjectSummary;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** Bench kit: an object store in memory, so that the bench measures the monitor and not a network. */
public final class MemoryObjectStore implements ObjectStore {

    private final ConcurrentSkipListMap<String, byte[]> objects = new ConcurrentSkipListMap<>();

    @Override
    public void put(String key, byte[] content, String contentType) {
        objects.put(key, content.clone());
    }

    @Override
    public void put(String key, Path file, String contentType) {
        try {
            objects.put(key, Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void put(String key, InputStream content, long length, String contentType) {
        try {
            objects.put(key, content.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public InputStream open(String key) {
        return new ByteArrayInputStream(read(key));
    }

    @Override
    public byte[] read(String key) {
        byte[] content = objects.get(key);
        if (content == null) {
            throw new NoSuchObjectException(key);
        }
        return content;
    }

    @Override
    public Optional<ObjectSummary> head(String key) {
        return Optional.ofNullable(objects.get(key)).map(c -> new ObjectSummary(key, c.length, "", Instant.EPOCH));
    }

    @Override
    public List<ObjectSummary> list(String prefix) {
        return objects.subMap(prefix, prefix + Character.MAX_VALUE).entrySet().stream()
                .map(e -> new ObjectSummary(e.getKey(), e.getValue().length, "", Instant.EPOCH)).toList();
    }

    @Override
    public void delete(String key) {
        objects.remove(key);
    }

    @Override
    public URI uri(String key) {
        return URI.create("memory:///" + key);
    }

    @Override
    public String keyOf(URI uri) {
        return uri.getPath().substring(1);
    }

    @Override
    public boolean isReachable() {
        return true;
    }
}

package io.launchcast.monitor.bench;

import io.launchcast.platform.io.Sha256;
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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** Bench kit: an object store in memory, so that the bench measures the monitor and not a network. */
public final class MemoryObjectStore implements ObjectStore {

    private final ConcurrentSkipListMap<String, byte[]> objects = new ConcurrentSkipListMap<>();
    private final Map<String, Integer> opened = new ConcurrentHashMap<>();

    /** How many times objects whose key starts with {@code prefix} were opened or read, to see what a reader read. */
    public int reads(String prefix) {
        return opened.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToInt(Map.Entry::getValue).sum();
    }

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
        opened.merge(key, 1, Integer::sum);
        return content;
    }

    @Override
    public Optional<ObjectSummary> head(String key) {
        return Optional.ofNullable(objects.get(key)).map(c -> new ObjectSummary(key, c.length, eTag(c), Instant.EPOCH));
    }

    @Override
    public List<ObjectSummary> list(String prefix) {
        return objects.subMap(prefix, prefix + Character.MAX_VALUE).entrySet().stream()
                .map(e -> new ObjectSummary(e.getKey(), e.getValue().length, eTag(e.getValue()), Instant.EPOCH)).toList();
    }

    /** As S3's for a single-part upload: a digest of the content (SHA-256 here). */
    private static String eTag(byte[] content) {
        return Sha256.hex(content).substring(0, 32);
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

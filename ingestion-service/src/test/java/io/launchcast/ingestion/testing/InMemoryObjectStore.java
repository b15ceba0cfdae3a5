package io.launchcast.ingestion.testing;

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

/** An object store in a map, for unit tests of code that only needs the port's semantics. */
public final class InMemoryObjectStore implements ObjectStore {

    private final ConcurrentSkipListMap<String, byte[]> objects = new ConcurrentSkipListMap<>();
    private volatile long breakReadsAfter = Long.MAX_VALUE;
    private final java.util.concurrent.atomic.AtomicInteger breaks = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicLong served = new java.util.concurrent.atomic.AtomicLong();

    /** From now on every opened stream fails after {@code bytes} bytes, as a connection dropped by a server does. */
    public void breakReadsEvery(long bytes) {
        breakReadsAfter = bytes;
    }

    /** How many bytes the opened streams gave their readers. */
    public long bytesServed() {
        return served.get();
    }

    /** How many reads were broken off. */
    public int breaks() {
        return breaks.get();
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
            objects.put(key, content.readNBytes((int) length));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public InputStream open(String key) {
        return open(key, 0);
    }

    @Override
    public InputStream open(String key, long fromByte) {
        byte[] content = read(key);
        long limit = breakReadsAfter;
        return new java.io.FilterInputStream(new ByteArrayInputStream(content, (int) fromByte,
                content.length - (int) fromByte)) {
            private long left = limit;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left <= 0 && in.available() > 0) {
                    breaks.incrementAndGet();
                    throw new IOException("connection reset (simulated)");
                }
                int n = super.read(b, off, (int) Math.min(len, Math.max(1, left)));
                left -= Math.max(n, 0);
                served.addAndGet(Math.max(n, 0));
                return n;
            }
        };
    }

    @Override
    public byte[] read(String key) {
        byte[] content = objects.get(key);
        if (content == null) {
            throw new NoSuchObjectException(key);
        }
        return content.clone();
    }

    @Override
    public Optional<ObjectSummary> head(String key) {
        byte[] content = objects.get(key);
        return content == null ? Optional.empty()
                : Optional.of(new ObjectSummary(key, content.length, Integer.toHexString(java.util.Arrays.hashCode(content)), Instant.EPOCH));
    }

    @Override
    public List<ObjectSummary> list(String prefix) {
        return objects.subMap(prefix, prefix + Character.MAX_VALUE).keySet().stream()
                .map(k -> head(k).orElseThrow()).toList();
    }

    @Override
    public void delete(String key) {
        objects.remove(key);
    }

    @Override
    public URI uri(String key) {
        return URI.create("s3://test-bucket/" + key);
    }

    @Override
    public String keyOf(URI uri) {
        return io.launchcast.platform.objectstore.ObjectKeys.keyOf(uri, "test-bucket");
    }

    @Override
    public boolean isReachable() {
        return true;
    }

    public void putText(String key, String text) {
        put(key, text.getBytes(java.nio.charset.StandardCharsets.UTF_8), "text/plain");
    }

    public String text(String key) {
        return new String(read(key), java.nio.charset.StandardCharsets.UTF_8);
    }

    public List<String> keys(String prefix) {
        return list(prefix).stream().map(ObjectSummary::key).toList();
    }
}

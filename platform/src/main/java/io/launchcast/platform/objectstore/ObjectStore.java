package io.launchcast.platform.objectstore;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Durable key-value storage for large immutable objects. Every write replaces the whole object atomically: a
 * reader sees the previous object or the new one, never a part of either.
 */
public interface ObjectStore {

    /** Stores {@code content} under {@code key}, replacing any object there. */
    void put(String key, byte[] content, String contentType);

    /** Stores the file's bytes under {@code key}, streaming them; the file is left in place. */
    void put(String key, Path file, String contentType);

    /**
     * Stores exactly {@code length} bytes read from {@code content}, streaming them without holding the object
     * in memory. The stream is not closed.
     */
    void put(String key, InputStream content, long length, String contentType);

    /**
     * Opens the object for streaming; the caller closes the stream.
     *
     * @throws NoSuchObjectException if nothing is stored under {@code key}
     */
    InputStream open(String key);

    /**
     * Opens the object for streaming from byte {@code fromByte} to its end; lets a long read that lost its
     * connection carry on where it stopped (see {@link ResumingObjectStream}). This default reads and drops
     * the bytes before the offset; stores that can serve a range override it.
     *
     * @throws NoSuchObjectException if nothing is stored under {@code key}
     */
    default InputStream open(String key, long fromByte) {
        InputStream in = open(key);
        try {
            in.skipNBytes(fromByte);
            return in;
        } catch (java.io.IOException e) {
            try {
                in.close();
            } catch (java.io.IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new ObjectStoreException("skipping to byte " + fromByte + " of " + key + " failed", e);
        }
    }

    /**
     * Reads the whole object into memory; for small objects such as manifests.
     *
     * @throws NoSuchObjectException if nothing is stored under {@code key}
     */
    byte[] read(String key);

    /** Size and entity tag of the object, or empty if nothing is stored under {@code key}. */
    Optional<ObjectSummary> head(String key);

    /** Every object whose key starts with {@code prefix}, in key order (all pages, no folder markers). */
    List<ObjectSummary> list(String prefix);

    /** Removes the object; removing a missing key is not an error (deletes are retried safely). */
    void delete(String key);

    /** The object's address as other tools know it, e.g. {@code s3://launchcast/curated/sales/...}. */
    URI uri(String key);

    /**
     * The key of an object-store URI.
     *
     * @throws IllegalArgumentException if the URI is not an s3:// URI of this store's bucket
     */
    String keyOf(URI uri);

    /** Whether the store answers at all; used by health checks. Never throws. */
    boolean isReachable();
}

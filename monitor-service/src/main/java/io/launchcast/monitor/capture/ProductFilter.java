package io.launchcast.monitor.capture;

import com.google.common.hash.BloomFilter;
import com.google.common.hash.Funnels;
import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;

/**
 * A Bloom filter of product ids (Guava's): whether a set may hold an id (false positives at about 1 %, never a
 * false negative) in about 10 bits per id instead of the ids themselves. The capture index keeps one per capture
 * object, and the quality join one of the products forecast, so that what they hold does not grow with a million
 * products; whatever a filter lets through is checked again against the data itself.
 */
public final class ProductFilter {

    private static final double FALSE_POSITIVES = 0.01;
    private static final HashFunction PARTITIONING = Hashing.murmur3_32_fixed(17);

    private final BloomFilter<CharSequence> filter;

    private ProductFilter(BloomFilter<CharSequence> filter) {
        this.filter = filter;
    }

    /** An empty filter sized for {@code expected} ids. */
    public static ProductFilter sizedFor(long expected) {
        return new ProductFilter(BloomFilter.create(Funnels.unencodedCharsFunnel(), Math.max(1, expected),
                FALSE_POSITIVES));
    }

    /** Adds {@code id}. */
    public void add(String id) {
        filter.put(id);
    }

    /** False when {@code id} was certainly never added. */
    public boolean mightContain(String id) {
        return filter.mightContain(id);
    }

    /** The filter as text (Base64 of Guava's serial form), as the capture index stores it. */
    public String encoded() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            filter.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    /**
     * The filter {@link #encoded()} wrote.
     *
     * @throws IllegalArgumentException if {@code encoded} is not such a filter
     */
    public static ProductFilter decode(String encoded) {
        try {
            return new ProductFilter(BloomFilter.readFrom(new ByteArrayInputStream(Base64.getDecoder().decode(encoded)),
                    Funnels.unencodedCharsFunnel()));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a product filter: " + e.getMessage(), e);
        }
    }

    /** Which of {@code partitions} an id belongs to (a hash independent of the filter's). */
    public static int partition(String id, int partitions) {
        return Math.floorMod(PARTITIONING.hashUnencodedChars(id).asInt(), partitions);
    }
}

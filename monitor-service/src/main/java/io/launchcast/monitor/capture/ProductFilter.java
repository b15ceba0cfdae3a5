package io.launchcast.monitor.capture;

import java.nio.ByteBuffer;
import java.util.Base64;

/**
 * A Bloom filter of product ids: whether a set may hold an id (false positives at about 1 %, never a false
 * negative) in 10 bits per id instead of the ids themselves. The capture index keeps one per capture object, and the
 * quality join one of the products forecast, so that what they hold does not grow with a million products; whatever
 * a filter lets through is checked again against the data itself.
 */
public final class ProductFilter {

    private static final int BITS_PER_ID = 10;
    private static final int HASHES = 7;

    private final long[] bits;

    private ProductFilter(long[] bits) {
        this.bits = bits;
    }

    /** An empty filter sized for {@code expected} ids. */
    public static ProductFilter sizedFor(long expected) {
        long words = Math.max(1, (Math.max(1, expected) * BITS_PER_ID + 63) / 64);
        if (words > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a filter of " + expected + " ids is too large");
        }
        return new ProductFilter(new long[(int) words]);
    }

    /** Adds {@code id}. */
    public void add(String id) {
        long h = hash(id);
        int h1 = (int) h;
        int h2 = (int) (h >>> 32);
        long size = (long) bits.length * 64;
        for (int i = 1; i <= HASHES; i++) {
            long bit = Integer.toUnsignedLong(h1 + i * h2) % size;
            bits[(int) (bit >>> 6)] |= 1L << bit;
        }
    }

    /** False when {@code id} was certainly never added. */
    public boolean mightContain(String id) {
        long h = hash(id);
        int h1 = (int) h;
        int h2 = (int) (h >>> 32);
        long size = (long) bits.length * 64;
        for (int i = 1; i <= HASHES; i++) {
            long bit = Integer.toUnsignedLong(h1 + i * h2) % size;
            if ((bits[(int) (bit >>> 6)] & (1L << bit)) == 0) {
                return false;
            }
        }
        return true;
    }

    /** The filter as text (Base64 of its bits), as the capture index stores it. */
    public String encoded() {
        ByteBuffer buffer = ByteBuffer.allocate(bits.length * 8);
        buffer.asLongBuffer().put(bits);
        return Base64.getEncoder().encodeToString(buffer.array());
    }

    /** The filter {@link #encoded()} wrote. */
    public static ProductFilter decode(String encoded) {
        ByteBuffer buffer = ByteBuffer.wrap(Base64.getDecoder().decode(encoded));
        long[] bits = new long[buffer.remaining() / 8];
        buffer.asLongBuffer().get(bits);
        if (bits.length == 0) {
            throw new IllegalArgumentException("an empty product filter");
        }
        return new ProductFilter(bits);
    }

    /** A 64-bit hash of the id's characters (FNV-1a, then a finalizer that spreads it over every bit). */
    static long hash(String id) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < id.length(); i++) {
            h ^= id.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    /** Which of {@code partitions} an id belongs to, from bits of its hash the filter's probes barely depend on. */
    public static int partition(String id, int partitions) {
        return (int) Long.remainderUnsigned(Long.rotateLeft(hash(id), 17) * 0x9e3779b97f4a7c15L, partitions);
    }
}

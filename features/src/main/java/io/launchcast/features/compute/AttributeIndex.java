package io.launchcast.features.compute;

import io.launchcast.features.dataset.Product;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The past launches of a snapshot that carry each attribute value, as bit sets over the snapshot's order
 * (bit {@code j % 64} of word {@code j / 64} stands for {@code past().get(j)}, most recent first). Analog
 * searches ask, for every forecast, which launches share which of the product's values; answering with a few
 * AND and NOT over {@code launches / 64} words, instead of comparing every launch on every attribute, is what
 * keeps them affordable per product.
 */
public final class AttributeIndex {

    /** The snapshot's launches, listed only to index an attribute not declared at construction. */
    private final Supplier<List<PastLaunch>> past;
    private final int size;
    private final int words;
    /** The launches of the snapshot: every bit below {@code size}. */
    private final long[] all;
    /** Attribute to value to posting; attributes not declared at construction are indexed on first use. */
    private final Map<String, Map<String, Posting>> postings = new ConcurrentHashMap<>();

    AttributeIndex(List<PastLaunch> past, List<String> attributes) {
        this(() -> past, past.size());
        for (String a : attributes) {
            postings.put(a, index(a));
        }
    }

    /**
     * The index of {@code size} launches whose values of {@code attributes} are given as codes: per attribute, per
     * launch, the code of its value (-1: none), and per attribute the code of each value.
     */
    AttributeIndex(Supplier<List<PastLaunch>> past, int size, List<String> attributes, int[][] columns,
                   List<Map<String, Integer>> codes) {
        this(past, size);
        for (int i = 0; i < columns.length; i++) {
            String[] values = new String[codes.get(i).size()];
            codes.get(i).forEach((value, code) -> values[code] = value);
            postings.put(attributes.get(i), index(columns[i], values));
        }
    }

    private AttributeIndex(Supplier<List<PastLaunch>> past, int size) {
        this.past = past;
        this.size = size;
        this.words = (size + 63) >>> 6;
        this.all = new long[words];
        java.util.Arrays.fill(all, -1L);
        if ((size & 63) != 0) {
            all[words - 1] = (1L << (size & 63)) - 1;
        }
    }

    /**
     * The launches with one value. A value shared by fewer than one launch in 32 keeps its launch indices
     * instead of a bit set, which would be larger: a history with thousands of brands and 500,000 launches
     * would otherwise keep hundreds of megabytes of mostly zero words per snapshot.
     */
    private record Posting(long[] bits, int[] indices) {

        long[] bits(int words) {
            if (bits != null) {
                return bits;
            }
            long[] b = new long[words];
            for (int j : indices) {
                b[j >>> 6] |= 1L << j;
            }
            return b;
        }
    }

    private Map<String, Posting> index(String attribute) {
        List<PastLaunch> launches = past.get();
        Map<String, Integer> codes = new HashMap<>();
        int[] column = new int[size];
        for (int j = 0; j < column.length; j++) {
            String v = launches.get(j).curve().product().attribute(attribute);
            column[j] = v == null ? -1 : codes.computeIfAbsent(v, k -> codes.size());
        }
        String[] values = new String[codes.size()];
        codes.forEach((value, code) -> values[code] = value);
        return index(column, values);
    }

    /** Postings of the values of one attribute, given per launch as codes into {@code values} (-1: none). */
    private Map<String, Posting> index(int[] column, String[] values) {
        int[] counts = new int[values.length];
        for (int code : column) {
            if (code >= 0) {
                counts[code]++;
            }
        }
        long[][] bits = new long[counts.length][];
        int[][] indices = new int[counts.length][];
        for (int code = 0; code < counts.length; code++) {
            if (counts[code] == 0) {
                continue; // a value no launch of this snapshot has: as unknown as a value never seen
            }
            if ((long) counts[code] * 32 < size) {
                indices[code] = new int[counts[code]];
            } else {
                bits[code] = new long[words];
            }
        }
        int[] filled = new int[counts.length];
        for (int j = 0; j < column.length; j++) {
            int code = column[j];
            if (code < 0) {
                continue;
            }
            if (bits[code] != null) {
                bits[code][j >>> 6] |= 1L << j;
            } else {
                indices[code][filled[code]++] = j;
            }
        }
        Map<String, Posting> index = new HashMap<>();
        for (int code = 0; code < counts.length; code++) {
            if (counts[code] > 0) {
                index.put(values[code], new Posting(bits[code], indices[code]));
            }
        }
        return index;
    }

    /**
     * Bit sets of values kept as index lists, built once for the first {@link #SPARSE_BIT_SETS} values asked for:
     * every product of a launch date asks for its values, and building the bit set of a rare value per product
     * cost a history's worth of zeroed words each time. Beyond that number (thousands of brands) each is built
     * per call, which bounds what a snapshot keeps.
     */
    private final Map<Posting, long[]> sparseBits = new ConcurrentHashMap<>();
    static final int SPARSE_BIT_SETS = 64;

    private long[] bits(Posting p) {
        if (p.bits() != null) {
            return p.bits();
        }
        long[] bits = sparseBits.get(p);
        if (bits == null) {
            bits = p.bits(words);
            if (sparseBits.size() < SPARSE_BIT_SETS) {
                sparseBits.put(p, bits);
            }
        }
        return bits;
    }

    /** How many launches the snapshot has. */
    public int size() {
        return size;
    }

    /**
     * For each of {@code attributes}, the launches whose value equals the product's, as a bit set (see the
     * class comment; not to be modified), or null when none does: the product has no value, or a value no
     * past launch had. This is what {@link #collectGroup} and {@link #collectByMatchCount} take.
     */
    public long[][] matching(Product product, List<String> attributes) {
        long[][] matching = new long[attributes.size()][];
        for (int i = 0; i < matching.length; i++) {
            String a = attributes.get(i);
            String value = product.attribute(a);
            if (value != null) {
                Posting p = postings.computeIfAbsent(a, this::index).get(value);
                matching[i] = p == null ? null : bits(p);
            }
        }
        return matching;
    }

    /**
     * Appends to {@code indices}, from position {@code from} and before position {@code limit}, the launches
     * that match exactly the attributes of {@code mask} (bit i for {@code matching[i]}) and no other, most
     * recent first. Returns the position after the last one written.
     */
    public int collectGroup(long[][] matching, int mask, int[] indices, int from, int limit) {
        for (int i = 0; i < matching.length; i++) {
            if (matching[i] == null && (mask & (1 << i)) != 0) {
                return from; // must match an attribute that nothing matches
            }
        }
        int n = from;
        for (int w = 0; w < words && n < limit; w++) {
            long group = all[w];
            for (int i = 0; i < matching.length && group != 0; i++) {
                long[] bits = matching[i];
                if ((mask & (1 << i)) != 0) {
                    group &= bits[w];
                } else if (bits != null) {
                    group &= ~bits[w];
                }
            }
            n = drain(group, w, indices, n, limit);
        }
        return n;
    }

    /**
     * Fills {@code indices} with the first {@code indices.length} launches (fewer if the snapshot has fewer)
     * ordered by how many of {@code matching} they match, most first, then most recent first, and
     * {@code counts} with those numbers. Returns how many were written.
     */
    public int collectByMatchCount(long[][] matching, int[] indices, int[] counts) {
        int a = matching.length;
        int slices = 32 - Integer.numberOfLeadingZeros(a);
        // per launch of word w, its number of matches in binary: bit s of the count of launch j is bit j of
        // count[s]; counted word by word as the scan goes, since it usually stops long before the last word (the
        // nearest analogs are found among recent launches) and a count of the whole history was most of its cost
        long[] count = new long[slices];
        int n = 0;
        boolean everyAttributeMatches = true;
        for (long[] bits : matching) {
            everyAttributeMatches &= bits != null;
        }
        for (int m = a; m >= 0 && n < indices.length; m--) {
            int start = n;
            if (m == a && everyAttributeMatches && a > 0) {
                // launches matching every attribute: an AND per word, without counting; when few launches share
                // all the product's values this scans the whole history for every product
                for (int w = 0; w < words && n < indices.length; w++) {
                    long group = all[w];
                    for (long[] bits : matching) {
                        group &= bits[w];
                    }
                    n = drain(group, w, indices, n, indices.length);
                }
                java.util.Arrays.fill(counts, start, n, m);
                continue;
            }
            for (int w = 0; w < words && n < indices.length; w++) {
                java.util.Arrays.fill(count, 0L);
                for (long[] bits : matching) {
                    if (bits == null) {
                        continue;
                    }
                    long carry = bits[w];
                    for (int s = 0; s < slices && carry != 0; s++) {
                        long c = count[s];
                        count[s] = c ^ carry;
                        carry &= c;
                    }
                }
                long group = all[w];
                for (int s = 0; s < slices; s++) {
                    group &= (m & (1 << s)) != 0 ? count[s] : ~count[s];
                }
                n = drain(group, w, indices, n, indices.length);
            }
            java.util.Arrays.fill(counts, start, n, m);
        }
        return n;
    }

    /** Writes the launches of {@code group} (word {@code w} of a bit set) in order, up to {@code limit}. */
    private static int drain(long group, int w, int[] indices, int n, int limit) {
        while (group != 0 && n < limit) {
            indices[n++] = (w << 6) + Long.numberOfTrailingZeros(group);
            group &= group - 1;
        }
        return n;
    }
}

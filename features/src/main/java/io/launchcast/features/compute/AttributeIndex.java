package io.launchcast.features.compute;

import io.launchcast.features.dataset.Product;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The attribute values of a snapshot's past launches as small integer codes, one array per attribute. Analog
 * searches compare a product with every past launch on every attribute; comparing codes instead of strings
 * makes that scan a few microseconds for thousands of launches.
 */
public final class AttributeIndex {

    private static final int ABSENT = -1;
    private static final int UNSEEN = -2;

    private final List<PastLaunch> past;
    private final Map<String, Map<String, Integer>> codes = new HashMap<>();
    private final Map<String, int[]> pastCodes = new HashMap<>();

    AttributeIndex(List<PastLaunch> past, List<String> attributes) {
        this.past = past;
        for (String a : attributes) {
            Map<String, Integer> valueCodes = new HashMap<>();
            int[] column = new int[past.size()];
            for (int j = 0; j < past.size(); j++) {
                String v = past.get(j).curve().product().attribute(a);
                column[j] = v == null ? ABSENT : valueCodes.computeIfAbsent(v, k -> valueCodes.size());
            }
            codes.put(a, valueCodes);
            pastCodes.put(a, column);
        }
    }

    /**
     * For each past launch (in snapshot order), a bit mask of the {@code attributes} whose value equals the
     * product's: bit i stands for {@code attributes.get(i)}. A product without a value matches nothing.
     */
    int[] matchMasks(Product product, List<String> attributes) {
        int[] masks = new int[past.size()];
        for (int i = 0; i < attributes.size(); i++) {
            String a = attributes.get(i);
            String value = product.attribute(a);
            if (value == null) {
                continue;
            }
            int bit = 1 << i;
            int[] column = pastCodes.get(a);
            if (column == null) { // not an indexed attribute: compare the strings
                for (int j = 0; j < masks.length; j++) {
                    if (value.equals(past.get(j).curve().product().attribute(a))) {
                        masks[j] |= bit;
                    }
                }
                continue;
            }
            int code = codes.get(a).getOrDefault(value, UNSEEN);
            for (int j = 0; j < masks.length; j++) {
                if (column[j] == code) {
                    masks[j] |= bit;
                }
            }
        }
        return masks;
    }

    /**
     * Launches grouped by a small integer key in one counting sort, each group keeping snapshot order (most
     * recent first): {@code order[start[key]] .. order[start[key + 1] - 1]} are the indices of the launches
     * with that key. Two int arrays instead of a list per group: analog searches group every past launch for
     * every forecast, and building lists was a quarter of a batch forecast's time.
     */
    public record Groups(int[] order, int[] start) {

        /** Groups the indices 0..keys.length-1 by {@code keys[i]}, which must lie in [0, keyCount). */
        public static Groups of(int[] keys, int keyCount) {
            int[] start = new int[keyCount + 1];
            for (int key : keys) {
                start[key + 1]++;
            }
            for (int key = 0; key < keyCount; key++) {
                start[key + 1] += start[key];
            }
            int[] next = java.util.Arrays.copyOf(start, keyCount);
            int[] order = new int[keys.length];
            for (int i = 0; i < keys.length; i++) {
                order[next[keys[i]]++] = i;
            }
            return new Groups(order, start);
        }
    }
}

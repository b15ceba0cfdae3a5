package io.launchcast.ingestion.validation;

import java.util.Arrays;

/**
 * Numbers distinct strings 0, 1, 2... in the order they are added, stored flat: one array of slots (hash and
 * number), one of characters. It serves the referential check, one look-up per sales row: with a
 * {@code HashMap<String, ?>} each look-up walks table, node, key and key bytes, objects scattered over a heap
 * that millions of short-lived rows keep flushing out of the CPU caches, and the bench spent half its reading
 * thread there. Here a hit reads one slot and the key's characters, adjacent in memory.
 */
final class StringIndex {

    /** Per slot: the key's hash in the high half, its number + 1 in the low half; 0 for an empty slot. */
    private long[] slots = new long[1 << 10];
    /** Per number: where its characters start in {@link #chars}; entry {@code size} is the end of the last. */
    private int[] starts = new int[1 << 9];
    private char[] chars = new char[1 << 12];
    private int size;

    int size() {
        return size;
    }

    /** The key's number, or -1 when it was never added. */
    int find(String key) {
        int hash = key.hashCode();
        int mask = slots.length - 1;
        for (int i = spread(hash) & mask; ; i = (i + 1) & mask) {
            long slot = slots[i];
            if (slot == 0) {
                return -1;
            }
            if ((int) (slot >>> 32) == hash) {
                int number = (int) slot - 1;
                if (matches(number, key)) {
                    return number;
                }
            }
        }
    }

    /** Adds a key that {@link #find} does not know, and returns its number. */
    int add(String key) {
        if ((size + 1) * 2 > slots.length) {
            grow();
        }
        int number = size++;
        if (starts.length <= size) {
            starts = Arrays.copyOf(starts, starts.length * 2);
        }
        int start = starts[number];
        if (chars.length < start + key.length()) {
            chars = Arrays.copyOf(chars, Math.max(chars.length * 2, start + key.length()));
        }
        key.getChars(0, key.length(), chars, start);
        starts[size] = start + key.length();
        place(key.hashCode(), number);
        return number;
    }

    private boolean matches(int number, String key) {
        int start = starts[number];
        if (starts[number + 1] - start != key.length()) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            if (chars[start + i] != key.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private void place(int hash, int number) {
        int mask = slots.length - 1;
        int i = spread(hash) & mask;
        while (slots[i] != 0) {
            i = (i + 1) & mask;
        }
        slots[i] = ((long) hash << 32) | (number + 1L);
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        for (long slot : old) {
            if (slot != 0) {
                place((int) (slot >>> 32), (int) slot - 1);
            }
        }
    }

    /** Mixes the hash so that keys differing only in their last characters do not crowd neighbouring slots. */
    private static int spread(int hash) {
        int h = hash * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}

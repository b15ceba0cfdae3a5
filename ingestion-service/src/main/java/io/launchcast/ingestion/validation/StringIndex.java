package io.launchcast.ingestion.validation;

import java.util.Arrays;

/**
 * Numbers distinct strings 0, 1, 2... in the order they are added, stored flat: one array of slots (hash and
 * number), one of characters. It serves the referential check, one look-up per sales row: with a
 * {@code HashMap<String, ?>} each look-up walks table, node, key and key bytes, objects scattered over a heap
 * that millions of short-lived rows keep flushing out of the CPU caches, and the bench spent half its reading
 * thread there. Here a hit reads one slot and one entry (number, length and characters side by side).
 */
final class StringIndex {

    /** Header of each key in {@link #chars}: its number (two chars) and its length (two chars). */
    private static final int HEADER = 4;

    /** Per slot: the key's hash in the high half, where its entry starts in {@link #chars} + 1 in the low half. */
    private long[] slots = new long[1 << 10];
    /** Entries one after the other: header, then the key's characters; a hit reads one slot and one entry. */
    private char[] chars = new char[1 << 12];
    private int used;
    private int size;

    int size() {
        return size;
    }

    /** The key's number, or -1 when it was never added. */
    int find(String key) {
        int hash = key.hashCode();
        for (int i = candidate(hash, first(hash)); i >= 0; i = candidate(hash, i + 1)) {
            int entry = (int) slots[i] - 1;
            if (matches(entry, key)) {
                return number(entry);
            }
        }
        return -1;
    }

    /**
     * The number of the key spelled by the ASCII bytes {@code [from, to)} of {@code bytes}, or -1: the look-up
     * of {@link #find(String)} without making a String (an ASCII String's hash is the same sum over its bytes).
     */
    int find(byte[] bytes, int from, int to) {
        int hash = 0;
        for (int i = from; i < to; i++) {
            hash = 31 * hash + bytes[i];
        }
        for (int i = candidate(hash, first(hash)); i >= 0; i = candidate(hash, i + 1)) {
            int entry = (int) slots[i] - 1;
            if (length(entry) == to - from && matches(entry + HEADER, bytes, from, to - from)) {
                return number(entry);
            }
        }
        return -1;
    }

    private int first(int hash) {
        return spread(hash) & (slots.length - 1);
    }

    /** The first slot from {@code slot} on (wrapping) holding this hash, or -1 at the first empty slot. */
    private int candidate(int hash, int slot) {
        int mask = slots.length - 1;
        for (int i = slot & mask; ; i = (i + 1) & mask) {
            long value = slots[i];
            if (value == 0) {
                return -1;
            }
            if ((int) (value >>> 32) == hash) {
                return i;
            }
        }
    }

    private int number(int entry) {
        return chars[entry] << 16 | chars[entry + 1];
    }

    private int length(int entry) {
        return chars[entry + 2] << 16 | chars[entry + 3];
    }

    private boolean matches(int start, byte[] bytes, int from, int length) {
        for (int i = 0; i < length; i++) {
            if (chars[start + i] != bytes[from + i]) {
                return false;
            }
        }
        return true;
    }

    /** Adds a key that {@link #find} does not know, and returns its number. */
    int add(String key) {
        if ((size + 1) * 10 > slots.length * 7) {
            grow();
        }
        int number = size++;
        int entry = used;
        int length = key.length();
        if (chars.length < entry + HEADER + length) {
            chars = Arrays.copyOf(chars, Math.max(chars.length * 2, entry + HEADER + length));
        }
        chars[entry] = (char) (number >>> 16);
        chars[entry + 1] = (char) number;
        chars[entry + 2] = (char) (length >>> 16);
        chars[entry + 3] = (char) length;
        key.getChars(0, length, chars, entry + HEADER);
        used = entry + HEADER + length;
        place(key.hashCode(), entry);
        return number;
    }

    private boolean matches(int entry, String key) {
        int length = length(entry);
        if (length != key.length()) {
            return false;
        }
        int start = entry + HEADER;
        for (int i = 0; i < length; i++) {
            if (chars[start + i] != key.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private void place(int hash, int entry) {
        int mask = slots.length - 1;
        int i = spread(hash) & mask;
        while (slots[i] != 0) {
            i = (i + 1) & mask;
        }
        slots[i] = ((long) hash << 32) | (entry + 1L);
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

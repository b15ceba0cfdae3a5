package io.launchcast.features.compute;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words of one free-text attribute (a name, a description) of a snapshot's past launches, indexed by word:
 * which past launches share words with a new product, how similar they are (Jaccard similarity of the word
 * sets), and how the launches with each word sold. A description carries what a category would, and more.
 */
public final class TextIndex {

    /** Words: maximal runs of letters and digits, lower-cased ("T-LIGHT HOLDER" is t, light, holder). */
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    private static final int[] NONE = new int[0];

    private final Map<String, int[]> postings;
    private final int[] sizes;

    private TextIndex(Map<String, int[]> postings, int[] sizes) {
        this.postings = postings;
        this.sizes = sizes;
    }

    /** The distinct words of {@code text}, in order of appearance; empty for null. */
    public static List<String> words(String text) {
        if (text == null) {
            return List.of();
        }
        LinkedHashSet<String> words = new LinkedHashSet<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            words.add(m.group().toLowerCase(Locale.ROOT));
        }
        return List.copyOf(words);
    }

    /** Indexes the attribute {@code attribute} of {@code past} (index i of a posting is past launch i). */
    public static TextIndex of(List<PastLaunch> past, String attribute) {
        Map<String, List<Integer>> lists = new HashMap<>();
        int[] sizes = new int[past.size()];
        for (int i = 0; i < past.size(); i++) {
            List<String> words = words(past.get(i).curve().product().attribute(attribute));
            sizes[i] = words.size();
            for (String w : words) {
                lists.computeIfAbsent(w, k -> new ArrayList<>()).add(i);
            }
        }
        Map<String, int[]> postings = new HashMap<>(lists.size() * 2);
        lists.forEach((w, l) -> postings.put(w, l.stream().mapToInt(Integer::intValue).toArray()));
        return new TextIndex(postings, sizes);
    }

    /**
     * Indexes the launches at history positions {@code known} (index i of a posting is {@code known[i]}) from
     * their words as ids: equal to {@link #of(List, String)} of the same launches, without matching and hashing
     * every text again for each state of knowledge.
     */
    static TextIndex of(LaunchHistory.Words words, int[] known) {
        int[] sizes = new int[known.length];
        int[] start = new int[words.word().length + 1];
        for (int i = 0; i < known.length; i++) {
            int[] ids = words.ofLaunch()[known[i]];
            sizes[i] = ids.length;
            for (int id : ids) {
                start[id + 1]++;
            }
        }
        for (int w = 0; w < start.length - 1; w++) {
            start[w + 1] += start[w];
        }
        int[] launches = new int[start[start.length - 1]];
        int[] next = Arrays.copyOf(start, start.length - 1);
        for (int i = 0; i < known.length; i++) {
            for (int id : words.ofLaunch()[known[i]]) {
                launches[next[id]++] = i;
            }
        }
        Map<String, int[]> postings = new HashMap<>();
        for (int w = 0; w < start.length - 1; w++) {
            if (start[w + 1] > start[w]) {
                postings.put(words.word()[w], Arrays.copyOfRange(launches, start[w], start[w + 1]));
            }
        }
        return new TextIndex(postings, sizes);
    }

    /** The past launches (indices) that have {@code word}. */
    int[] launchesWith(String word) {
        return postings.getOrDefault(word, NONE);
    }

    /**
     * The Jaccard similarity of {@code words} to every past launch's word set (index i: past launch i; 0 where
     * no word is shared or either set is empty).
     */
    public double[] similarities(List<String> words) {
        int[] shared = new int[sizes.length];
        for (String w : words) {
            for (int i : launchesWith(w)) {
                shared[i]++;
            }
        }
        double[] similarity = new double[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            if (shared[i] > 0) {
                similarity[i] = shared[i] / (double) (words.size() + sizes[i] - shared[i]);
            }
        }
        return similarity;
    }

    /**
     * The past launches sharing at least one word with {@code words}, most similar first (Jaccard similarity of
     * the word sets; ties: the more recent, i.e. the lower index), at most {@code limit}.
     *
     * @param similarities receives each returned launch's similarity, in the same order
     */
    int[] nearest(List<String> words, int limit, List<Double> similarities) {
        // words shared with each past launch, counted in an array: this runs for every product forecast
        int[] shared = new int[sizes.length];
        List<Integer> touched = new ArrayList<>();
        for (String w : words) {
            for (int i : launchesWith(w)) {
                if (shared[i]++ == 0) {
                    touched.add(i);
                }
            }
        }
        Integer[] candidates = touched.toArray(Integer[]::new);
        double[] similarity = new double[sizes.length];
        for (int i : candidates) {
            similarity[i] = shared[i] / (double) (words.size() + sizes[i] - shared[i]);
        }
        Arrays.sort(candidates, (a, b) -> similarity[a] != similarity[b] ? Double.compare(similarity[b], similarity[a])
                : Integer.compare(a, b));
        int n = Math.min(limit, candidates.length);
        int[] out = new int[n];
        for (int r = 0; r < n; r++) {
            out[r] = candidates[r];
            similarities.add(similarity[candidates[r]]);
        }
        return out;
    }
}

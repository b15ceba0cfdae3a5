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
    /** The most (shared words, words) pairs a call counts launches by (4 MB of counts per thread). */
    static final long MAX_PAIRS = 1 << 20;

    private final Map<String, int[]> postings;
    private final int[] sizes;
    /** The most words a past launch has. */
    private final int largest;

    private TextIndex(Map<String, int[]> postings, int[] sizes) {
        this.postings = postings;
        this.sizes = sizes;
        this.largest = Arrays.stream(sizes).max().orElse(0);
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
     * Adds {@code weight} times the Jaccard similarity of {@code words} to each past launch's entry of
     * {@code scores} (index i: past launch i), touching only the launches that share a word: the same sums as adding
     * {@code weight} times {@link #similarities} everywhere (a launch sharing nothing gets 0 added there), without
     * two arrays the size of the catalogue per call.
     */
    public void addSimilarities(List<String> words, double weight, double[] scores) {
        int postings = 0;
        for (String w : words) {
            postings += launchesWith(w).length;
        }
        Scratch scratch = SCRATCH.get().fit(sizes.length, postings, 0);
        int[] shared = scratch.shared;
        int[] touchedLaunches = scratch.touched;
        int touched = countShared(words, scratch);
        for (int t = 0; t < touched; t++) {
            int i = touchedLaunches[t];
            scores[i] += weight * (shared[i] / (double) (words.size() + sizes[i] - shared[i]));
            shared[i] = 0; // the scratch counts are all 0 again for the next call
        }
    }

    /**
     * Counts in {@code scratch.shared} how many of {@code words} each past launch has, lists in
     * {@code scratch.touched} the launches that have any, and returns how many those are. The caller resets the
     * counts of the listed launches to 0.
     */
    private int countShared(List<String> words, Scratch scratch) {
        int[] shared = scratch.shared;
        int[] touchedLaunches = scratch.touched;
        int touched = 0;
        for (String w : words) {
            for (int i : launchesWith(w)) {
                if (shared[i]++ == 0) {
                    touchedLaunches[touched++] = i;
                }
            }
        }
        return touched;
    }

    /**
     * The past launches sharing at least one word with {@code words}, most similar first (Jaccard similarity of
     * the word sets; ties: the more recent, i.e. the lower index), at most {@code limit}, and how many past
     * launches share a word.
     *
     * <p>This runs for every product's features, against every launch known at its date, and a common word is in
     * a large share of a catalogue: the work is the postings of the product's words, the {@code limit} best are
     * kept in a bounded heap, and nothing the size of the catalogue is allocated or sorted (ADR 0140). Only the
     * launches at least as similar as the {@code limit}-th best (the {@linkplain #cut cut}) reach the heap (ADR 0160).
     */
    Nearest nearest(List<String> words, int limit) {
        return nearest(words, limit, MAX_PAIRS);
    }

    /** As {@link #nearest(List, int)}, counting launches by pairs only up to {@code maxPairs} of them. */
    Nearest nearest(List<String> words, int limit, long maxPairs) {
        // a heap of the best so far, the worst at its root: lower similarity, or the same and the older launch.
        // Everything is allocated before the scratch counts are raised, so nothing between raising them and
        // resetting them can fail and leave this thread's counts wrong for its next call.
        int[] heap = new int[Math.max(0, limit)];
        double[] heapSimilarity = new double[heap.length];
        int postings = 0;
        for (String w : words) {
            postings += launchesWith(w).length;
        }
        int width = largest + 1;
        // a pair count per (shared words, words): bounded, so that a pathological text (a whole page as a
        // description) does not claim memory; beyond the bound the heap alone keeps the best, as exactly
        long pairCount = (long) (Math.min(words.size(), largest) + 1) * width;
        boolean counted = pairCount <= maxPairs;
        Scratch scratch = SCRATCH.get().fit(sizes.length, postings, counted ? (int) pairCount : 0);
        int[] shared = scratch.shared;
        int[] touchedLaunches = scratch.touched;
        int[] tied = scratch.tied;
        int touched = countShared(words, scratch);
        // every launch touched shares a word, so a similarity above 0: with no more than the limit, all are taken
        boolean cutKnown = counted && touched > heap.length;
        double cut = cutKnown ? cut(words.size(), touched, heap.length, scratch, width) : 0;
        int ties = 0;
        int held = 0;
        for (int t = 0; t < touched; t++) {
            int i = touchedLaunches[t];
            double similarity = shared[i] / (double) (words.size() + sizes[i] - shared[i]);
            shared[i] = 0; // the scratch counts are all 0 again for the next call
            if (cutKnown && similarity == cut) {
                tied[ties++] = i;
            } else if (similarity > cut && held < heap.length) {
                // with the cut known, fewer than the limit are above it: the heap takes them all
                heap[held] = i;
                heapSimilarity[held] = similarity;
                siftUp(heap, heapSimilarity, held++);
            } else if (similarity > cut && heap.length > 0 && better(similarity, i, heapSimilarity[0], heap[0])) {
                heap[0] = i;
                heapSimilarity[0] = similarity;
                siftDown(heap, heapSimilarity, held);
            }
        }
        // of the launches as similar as the cut, the most recent (the lowest indices) fill the limit; in posting
        // order they would replace the heap's root again and again
        Arrays.sort(tied, 0, ties);
        for (int t = 0; t < ties && held < heap.length; t++) {
            heap[held] = tied[t];
            heapSimilarity[held] = cut;
            siftUp(heap, heapSimilarity, held++);
        }
        // the heap emptied worst first fills the answer from its end
        int[] launches = new int[held];
        double[] similarities = new double[held];
        for (int r = held - 1; r >= 0; r--) {
            launches[r] = heap[0];
            similarities[r] = heapSimilarity[0];
            heap[0] = heap[r];
            heapSimilarity[0] = heapSimilarity[r];
            siftDown(heap, heapSimilarity, r);
        }
        return new Nearest(launches, similarities, touched);
    }

    /**
     * The similarity of the {@code limit}-th most similar of the {@code touched} launches (their shared-word counts in
     * {@code scratch.shared}), so that only launches at least as similar go through the heap. A launch's similarity
     * is fixed by how many words it shares and how many it has: the launches are counted per such pair, and the cut
     * follows from the pairs (a few dozen), not from ordering the launches. Without it the heap replaced its root for
     * a large share of the touched launches, which come in posting order rather than by similarity (ADR 0160).
     */
    private double cut(int queryWords, int touched, int limit, Scratch scratch, int width) {
        int[] pairs = scratch.pairs;
        int[] used = scratch.used;
        int distinct = 0;
        for (int t = 0; t < touched; t++) {
            int i = scratch.touched[t];
            int pair = scratch.shared[i] * width + sizes[i];
            if (pairs[pair]++ == 0) {
                used[distinct++] = pair;
            }
        }
        double[] similarity = new double[distinct];
        for (int p = 0; p < distinct; p++) {
            int common = used[p] / width;
            similarity[p] = common / (double) (queryWords + used[p] % width - common);
        }
        double[] ascending = similarity.clone();
        Arrays.sort(ascending);
        int[] launchesAt = new int[distinct];
        for (int p = 0; p < distinct; p++) {
            launchesAt[Arrays.binarySearch(ascending, similarity[p])] += pairs[used[p]];
            pairs[used[p]] = 0; // all 0 again for the next call
        }
        int counted = 0;
        for (int d = distinct - 1; d >= 0; d--) {
            counted += launchesAt[d];
            if (counted >= limit) {
                return ascending[d];
            }
        }
        return 0;
    }

    /**
     * The nearest past launches.
     *
     * @param launches     their indices, most similar first
     * @param similarities their Jaccard similarities, in the same order
     * @param sharing      how many past launches share at least one word
     */
    record Nearest(int[] launches, double[] similarities, int sharing) {
    }

    private static boolean better(double similarity, int launch, double otherSimilarity, int otherLaunch) {
        return similarity != otherSimilarity ? similarity > otherSimilarity : launch < otherLaunch;
    }

    private static void siftUp(int[] heap, double[] similarity, int at) {
        while (at > 0) {
            int parent = (at - 1) / 2;
            if (!better(similarity[parent], heap[parent], similarity[at], heap[at])) {
                return;
            }
            swap(heap, similarity, at, parent);
            at = parent;
        }
    }

    private static void siftDown(int[] heap, double[] similarity, int size) {
        int at = 0;
        while (true) {
            int worst = at;
            for (int child = 2 * at + 1; child <= 2 * at + 2 && child < size; child++) {
                if (better(similarity[worst], heap[worst], similarity[child], heap[child])) {
                    worst = child;
                }
            }
            if (worst == at) {
                return;
            }
            swap(heap, similarity, at, worst);
            at = worst;
        }
    }

    private static void swap(int[] heap, double[] similarity, int a, int b) {
        int i = heap[a];
        heap[a] = heap[b];
        heap[b] = i;
        double s = similarity[a];
        similarity[a] = similarity[b];
        similarity[b] = s;
    }

    /**
     * Per thread, the shared-word count of every launch (all 0 between calls) and the launches counted: a call
     * allocates nothing the size of the catalogue.
     */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private static final class Scratch {

        int[] shared = new int[0];
        int[] touched = new int[0];
        /** The touched launches as similar as the cut. */
        int[] tied = new int[0];
        /** Launches per (shared words, words) pair (all 0 between calls), and the pairs counted. */
        int[] pairs = new int[0];
        int[] used = new int[0];

        /**
         * Room for {@code launches} counts, for {@code postings} launches touched (at most one per posting) and for
         * {@code pairs} pair counts.
         */
        Scratch fit(int launches, int postings, int pairCount) {
            if (shared.length < launches) {
                shared = new int[launches];
            }
            if (touched.length < Math.min(postings, launches)) {
                touched = new int[Math.max(Math.min(postings, launches), 2 * touched.length)];
                tied = new int[touched.length];
            }
            if (pairs.length < pairCount) {
                pairs = new int[pairCount];
                used = new int[pairCount];
            }
            return this;
        }
    }
}

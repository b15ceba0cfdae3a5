package io.launchcast.forecast.accuracy;

import io.launchcast.features.compute.LaunchCurve;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * How many of a set of launches were kept: all of them, or a reproducible, time-stratified sample when the set
 * holds more than a configured maximum. The launches are ordered by launch date and cut into {@code taken}
 * consecutive strata of (nearly) equal size; from each stratum the launch with the lowest seeded hash of its
 * product id is kept. Every stretch of time keeps its share of launches (a plain random sample could thin out
 * the newest launches, whose level a model most needs to see), and the same launches, seed and maximum always
 * give the same sample, whatever order the launches came in.
 *
 * @param taken launches kept
 * @param of    launches there were
 */
public record LaunchSample(int taken, int of) {

    /** The sample {@link #take} keeps of {@code of} launches under {@code max}. */
    public static LaunchSample of(int of, int max) {
        return new LaunchSample(Math.min(of, max), of);
    }

    /** Whether launches were left out. */
    public boolean sampled() {
        return taken < of;
    }

    /** What a report says about it, e.g. "a sample of 200000 of 1000000 fit launches". */
    public String describe(String what) {
        return sampled() ? String.format(Locale.ROOT, "a sample of %d of %d %s launches (time-stratified, seeded)",
                taken, of, what) : "all " + of + " " + what + " launches";
    }

    /**
     * {@code launches} when there are at most {@code max}, else the time-stratified sample of {@code max} of
     * them, in the order they were given.
     */
    public static List<LaunchCurve> take(List<LaunchCurve> launches, int max, long seed) {
        if (max < 1) {
            throw new IllegalArgumentException("a sample needs at least one launch, not " + max);
        }
        int n = launches.size();
        if (n <= max) {
            return launches;
        }
        Integer[] byTime = new Integer[n];
        for (int i = 0; i < n; i++) {
            byTime[i] = i;
        }
        java.util.Arrays.sort(byTime, Comparator.comparing((Integer i) -> launches.get(i).product().launchDate())
                .thenComparing(i -> launches.get(i).product().id()));
        boolean[] kept = new boolean[n];
        for (int stratum = 0; stratum < max; stratum++) {
            int from = (int) ((long) stratum * n / max);
            int to = (int) ((long) (stratum + 1) * n / max);
            int best = byTime[from];
            long bestHash = hash(seed, launches.get(best).product().id());
            for (int k = from + 1; k < to; k++) {
                long h = hash(seed, launches.get(byTime[k]).product().id());
                if (Long.compareUnsigned(h, bestHash) < 0) {
                    best = byTime[k];
                    bestHash = h;
                }
            }
            kept[best] = true;
        }
        List<LaunchCurve> out = new ArrayList<>(max);
        for (int i = 0; i < n; i++) {
            if (kept[i]) {
                out.add(launches.get(i));
            }
        }
        return out;
    }

    /** A seeded 64-bit hash of a product id (SplitMix64's finalizer over the id's stable String hash). */
    private static long hash(long seed, String id) {
        long z = seed * 0x9E3779B97F4A7C15L + id.hashCode() + ((long) id.length() << 32);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

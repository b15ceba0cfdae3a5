package io.launchcast.features.compute;

/** Empirical quantiles, shared by cohort features and the forecast intervals so both mean the same thing. */
public final class Quantiles {

    private Quantiles() {
    }

    /** The {@code q} quantile of ascending {@code sorted} values, interpolating linearly between neighbours. */
    public static double ofSorted(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    /**
     * The {@code q} quantiles of {@code values} in any order, equal to {@link #ofSorted} of the sorted values:
     * only the order statistics the quantiles interpolate between are selected (quickselect, linear on average)
     * rather than the whole array sorted, which at cohorts of a hundred thousand launches dominated a snapshot.
     * Reorders {@code values}; the order is {@link Double#compare}'s, as {@link java.util.Arrays#sort(double[])}'s.
     */
    public static double[] ofUnsorted(double[] values, double... qs) {
        double[] out = new double[qs.length];
        // everything before index `ordered` is in its sorted place or below it, everything from it is not smaller:
        // ascending quantiles select only within what is left, and the upper neighbour of an order statistic is
        // the least of what lies above it (a scan, not another selection)
        int ordered = 0;
        for (int i = 0; i < qs.length; i++) {
            double pos = qs[i] * (values.length - 1);
            int lo = (int) Math.floor(pos);
            int hi = Math.min(lo + 1, values.length - 1);
            int from = lo >= ordered ? ordered : 0;
            double low = select(values, from, lo);
            double high = hi == lo ? low : least(values, lo + 1);
            ordered = lo + 1;
            out[i] = low + (pos - lo) * (high - low);
        }
        return out;
    }

    /** The least of {@code a[from..]} in {@link Double#compare}'s order. */
    private static double least(double[] a, int from) {
        double least = a[from];
        for (int i = from + 1; i < a.length; i++) {
            if (Double.compare(a[i], least) < 0) {
                least = a[i];
            }
        }
        return least;
    }

    /** The k-th smallest of {@code a} (0-based), moving it to index k with smaller ones before it. */
    static double select(double[] a, int k) {
        return select(a, 0, k);
    }

    /**
     * Like {@link #select(double[], int)} when every element before {@code from} is already no greater than any
     * from it on and {@code k >= from}: selects within {@code a[from..]} only.
     */
    static double select(double[] a, int from, int k) {
        int left = from;
        int right = a.length - 1;
        while (right > left) {
            int mid = (left + right) >>> 1;
            // median of three as the pivot, which keeps sorted and reversed input linear
            if (Double.compare(a[mid], a[left]) < 0) {
                swap(a, mid, left);
            }
            if (Double.compare(a[right], a[left]) < 0) {
                swap(a, right, left);
            }
            if (Double.compare(a[right], a[mid]) < 0) {
                swap(a, right, mid);
            }
            double pivot = a[mid];
            int i = left;
            int j = right;
            while (i <= j) {
                while (Double.compare(a[i], pivot) < 0) {
                    i++;
                }
                while (Double.compare(a[j], pivot) > 0) {
                    j--;
                }
                if (i <= j) {
                    swap(a, i++, j--);
                }
            }
            if (k <= j) {
                right = j;
            } else if (k >= i) {
                left = i;
            } else {
                return a[k];
            }
        }
        return a[k];
    }

    private static void swap(double[] a, int i, int j) {
        double t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}

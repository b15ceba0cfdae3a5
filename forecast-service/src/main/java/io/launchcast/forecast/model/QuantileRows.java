package io.launchcast.forecast.model;

import java.util.List;

/** Quantile rows at levels between known ones, interpolated linearly in the level. */
public final class QuantileRows {

    private QuantileRows() {
    }

    /**
     * The rows of {@code wanted} levels from the {@code rows} of ascending {@code levels}: a known level's own row,
     * otherwise the linear interpolation of the two rows around it. Non-decreasing rows stay non-decreasing, so
     * interpolated quantiles never cross.
     *
     * @throws IllegalArgumentException for a level outside [first, last] of {@code levels}
     */
    public static double[][] at(List<Double> levels, double[][] rows, List<Double> wanted) {
        double lowest = levels.get(0);
        double highest = levels.get(levels.size() - 1);
        double[][] out = new double[wanted.size()][];
        for (int w = 0; w < wanted.size(); w++) {
            double level = wanted.get(w);
            if (level < lowest - 1e-9 || level > highest + 1e-9) {
                throw new IllegalArgumentException("quantile " + level + " is outside the known " + lowest + "-"
                        + highest);
            }
            int upper = 0;
            while (upper < levels.size() - 1 && levels.get(upper) < level - 1e-9) {
                upper++;
            }
            int lower = Math.abs(levels.get(upper) - level) < 1e-9 ? upper : upper - 1;
            double share = lower == upper ? 0 : (level - levels.get(lower)) / (levels.get(upper) - levels.get(lower));
            out[w] = new double[rows[upper].length];
            for (int h = 0; h < out[w].length; h++) {
                out[w][h] = rows[lower][h] + share * (rows[upper][h] - rows[lower][h]);
            }
        }
        return out;
    }
}

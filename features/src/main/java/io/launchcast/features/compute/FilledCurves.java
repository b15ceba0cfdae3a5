package io.launchcast.features.compute;

/**
 * The curves of a snapshot's past launches over the whole horizon, the periods not known yet filled with the
 * launch's relative level times the snapshot's mean curve (0 where that is unknown): what analog forecasts
 * average. A cell is computed when read ({@link #value}) from the launch's units and level: an analog forecast
 * reads a few dozen rows, and keeping every row of a million launches per date (96 MB at a horizon of 12) is what
 * ran serving out of memory.
 */
public final class FilledCurves {

    private final LaunchHistory.Knowledge known;
    private final double[] mean;

    FilledCurves(LaunchHistory.Knowledge known, double[] mean) {
        this.known = known;
        this.mean = mean;
    }

    /** The length of a row: the horizon. */
    public int width() {
        return mean.length;
    }

    /** Period {@code h} of launch {@code past().get(j)}: its units where known, else its level times the mean. */
    public double value(int j, int h) {
        if (h < Math.min(known.periods(j), mean.length)) {
            return known.curve(j).units()[h];
        }
        return Double.isNaN(mean[h]) ? 0.0 : mean[h] * known.level(j);
    }

    /**
     * Every row in one new array, row j (launch {@code past().get(j)}) at {@code j * width() .. (j + 1) * width() - 1}:
     * launches times horizon doubles, for small histories and tests; forecasts read {@link #value}.
     */
    public double[] rows() {
        int width = mean.length;
        int size = known.known.length;
        double[] r = new double[size * width];
        for (int j = 0; j < size; j++) {
            int periods = Math.min(known.periods(j), width);
            System.arraycopy(known.curve(j).units(), 0, r, j * width, periods);
            double level = known.level(j);
            for (int h = periods; h < width; h++) {
                r[j * width + h] = Double.isNaN(mean[h]) ? 0.0 : mean[h] * level;
            }
        }
        return r;
    }
}

package io.launchcast.features.compute;

import java.util.List;

/**
 * The curves of a snapshot's past launches over the whole horizon, the periods not known yet filled with the
 * launch's relative level times the snapshot's mean curve (0 where that is unknown): what analog forecasts
 * average. One row per launch, in the snapshot's order, in one array: an analog forecast reads a hundred of
 * them, and following each launch's own objects to its units cost more than the rest of the search.
 */
public final class FilledCurves {

    private final List<PastLaunch> past;
    private final double[] mean;
    /** Built on first use (feature computation never needs it); racing threads build equal arrays. */
    private volatile double[] rows;

    FilledCurves(List<PastLaunch> past, double[] mean) {
        this.past = past;
        this.mean = mean;
    }

    /** The length of a row: the horizon. */
    public int width() {
        return mean.length;
    }

    /** Row j (launch {@code past().get(j)}) is {@code rows()[j * width() .. (j + 1) * width() - 1]}; read only. */
    public double[] rows() {
        double[] r = rows;
        if (r == null) {
            r = build();
            rows = r;
        }
        return r;
    }

    private double[] build() {
        int width = mean.length;
        double[] r = new double[past.size() * width];
        for (int j = 0; j < past.size(); j++) {
            PastLaunch p = past.get(j);
            int known = Math.min(p.knownPeriods(), width);
            System.arraycopy(p.curve().units(), 0, r, j * width, known);
            for (int h = known; h < width; h++) {
                r[j * width + h] = Double.isNaN(mean[h]) ? 0.0 : mean[h] * p.relativeLevel();
            }
        }
        return r;
    }
}

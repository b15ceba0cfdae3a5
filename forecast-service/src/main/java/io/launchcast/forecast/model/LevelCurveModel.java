package io.launchcast.forecast.model;

import io.launchcast.features.compute.LaunchHistory;
import java.util.Map;

/**
 * The mean curve known at the as-of date scaled by a level feature: by default the seasonal level (launches
 * a year earlier times the year-over-year ratio of recent launches), else the recency-weighted level of the
 * latest launches. A robust component that follows level shifts between seasons and years, which
 * attribute-driven models miss; the boosted model also uses it as its offset.
 */
public final class LevelCurveModel implements EnsembleComponent {

    private final LaunchHistory history;
    private final int horizon;

    public LevelCurveModel(LaunchHistory history, int horizon) {
        this.history = history;
        this.horizon = horizon;
    }

    @Override
    public String name() {
        return "level-curve";
    }

    @Override
    public ComponentSpec spec() {
        return new LevelCurveSpec();
    }

    /** The curve and its level depend on the launch date alone. */
    @Override
    public boolean readsTheProduct() {
        return false;
    }

    @Override
    public double[] predict(LaunchExample example) {
        double[] mean = history.asOf(example.features().asOf()).meanCurve();
        Map<String, Double> f = example.features().numeric();
        Double level = f.get("global.level.seasonal");
        if (level == null || !Double.isFinite(level)) {
            level = f.getOrDefault("global.level.recent", 1.0);
        }
        double[] out = new double[horizon];
        for (int h = 0; h < horizon; h++) {
            out[h] = Double.isNaN(mean[h]) ? 0.0 : mean[h] * level;
        }
        return out;
    }
}

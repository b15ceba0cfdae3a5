package io.launchcast.forecast.model;

import java.time.Duration;

/**
 * A fitted curve model with its interval calibration and how long it took to train (validation fit
 * included): what the evaluation scores and what a registry would store.
 */
public record CalibratedModel(CurveModel model, QuantileCalibration calibration, Duration trainingTime) {

    /** The model's name. */
    public String name() {
        return model.name();
    }

    /** Mean, quantiles and (when asked) the explanation of one product. */
    public ProductForecast forecast(LaunchExample example, boolean explain) {
        double[] mean = model.predict(example);
        return new ProductForecast(example.product().id(), model.name(), mean, calibration.levels(),
                calibration.apply(mean), explain ? model.explain(example) : Explanation.EMPTY);
    }
}

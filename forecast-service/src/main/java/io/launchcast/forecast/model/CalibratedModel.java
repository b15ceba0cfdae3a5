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
        CurveModel.Explained explained = explain ? model.predictExplained(example)
                : new CurveModel.Explained(model.predict(example), Explanation.EMPTY);
        double[] mean = explained.mean();
        return new ProductForecast(example.product().id(), model.name(), mean, calibration.levels(),
                calibration.apply(mean), explained.explanation());
    }
}

package io.launchcast.forecast.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
        return forecastAll(List.of(example), explain).get(0);
    }

    /** As {@link #forecast(LaunchExample, boolean)} for each example, the model working on all of them at once. */
    public List<ProductForecast> forecastAll(List<LaunchExample> examples, boolean explain) {
        List<CurveModel.Explained> explained = model.predictAll(examples, explain);
        List<ProductForecast> out = new ArrayList<>(examples.size());
        for (int i = 0; i < examples.size(); i++) {
            out.add(forecast(examples.get(i), explained.get(i)));
        }
        return out;
    }

    private ProductForecast forecast(LaunchExample example, CurveModel.Explained explained) {
        double[] mean = explained.mean();
        return new ProductForecast(example.product().id(), model.name(), mean, calibration.reported(),
                calibration.apply(mean), explained.explanation());
    }
}

package io.launchcast.forecast.model;

/** A fitted model that forecasts the mean launch curve of a product from its launch example. */
public interface CurveModel {

    /** Short name shown in reports. */
    String name();

    /** Mean units per horizon period; never negative. */
    double[] predict(LaunchExample example);

    /** Why this forecast: analogs and feature contributions when the model can tell, else empty. */
    default Explanation explain(LaunchExample example) {
        return Explanation.EMPTY;
    }

    /**
     * The forecast and its explanation together; models whose explanation retraces the forecast's work
     * override this to do it once.
     */
    default Explained predictExplained(LaunchExample example) {
        return new Explained(predict(example), explain(example));
    }

    /** A mean curve with its explanation. */
    record Explained(double[] mean, Explanation explanation) {
    }
}

package io.launchcast.forecast.serving;

/** Lets tests of other packages serve the fixed-curve model. */
public final class FixedCurveServingModelAccess {

    private FixedCurveServingModelAccess() {
    }

    public static ServingModel model(String version) {
        return new FixedCurveServingModel(version);
    }
}

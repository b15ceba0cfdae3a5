package io.launchcast.forecast.model;

import io.launchcast.features.compute.LaunchFeatures;
import io.launchcast.features.dataset.Product;

/**
 * A product with its features as of launch and, when known, its actual first periods (the target).
 *
 * @param actual units per horizon period, or null for a product whose sales are not known
 */
public record LaunchExample(Product product, LaunchFeatures features, double[] actual) {

    /** Sum of the actual curve. */
    public double actualTotal() {
        double s = 0;
        for (double v : actual) {
            s += v;
        }
        return s;
    }
}

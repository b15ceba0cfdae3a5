package io.launchcast.forecast.model;

import io.launchcast.features.compute.LaunchFeatures;
import io.launchcast.features.dataset.Product;
import java.time.LocalDate;

/**
 * A product with its features as of launch and, when known, its actual first periods (the target).
 *
 * @param actual units per horizon period, or null for a product whose sales are not known
 * @param curveKnown when the whole actual curve was known: the end of its last horizon period (null: taken as
 *                   known at launch). A validation fold trains only on launches whose curve was known by its start.
 */
public record LaunchExample(Product product, LaunchFeatures features, double[] actual, LocalDate curveKnown) {

    /** A launch whose curve is taken as known at launch. */
    public LaunchExample(Product product, LaunchFeatures features, double[] actual) {
        this(product, features, actual, null);
    }

    /** Whether the whole actual curve was known on {@code date}. */
    public boolean curveKnownBy(LocalDate date) {
        return !(curveKnown == null ? product.launchDate() : curveKnown).isAfter(date);
    }

    /** Sum of the actual curve. */
    public double actualTotal() {
        double s = 0;
        for (double v : actual) {
            s += v;
        }
        return s;
    }
}

package io.launchcast.forecast.serving;

import io.launchcast.features.dataset.Product;
import io.launchcast.forecast.model.ProductForecast;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * A registered model ready to forecast new products: it computes their features in-process (the same
 * computation the feature store runs) and applies the trained model.
 */
public interface ServingModel {

    /** Registry identity of the model, e.g. {@code launch-demand/3}. */
    String version();

    /** Periods after launch it forecasts. */
    int horizon();

    /** Quantile levels it is calibrated for, ascending. */
    List<Double> quantileLevels();

    /** Attribute names its features use. */
    List<String> attributes();

    /** Values of an attribute seen among the launches it learned from. */
    Set<String> knownValues(String attribute);

    /** First day of period {@code index} (0-based) of a product launched on {@code launch}. */
    LocalDate periodStart(LocalDate launch, int index);

    /** Mean, quantiles and explanation of one product, as known at its launch date. */
    ProductForecast forecast(Product product);

    /** As {@link #forecast(Product)}; without {@code explain}, a model may skip the work of explaining. */
    default ProductForecast forecast(Product product, boolean explain) {
        return forecast(product);
    }

    /**
     * As {@link #forecast(Product, boolean)} for each product, in order; a model may work on all of them at once,
     * which is what batch forecasting relies on for its speed.
     */
    default List<ProductForecast> forecastAll(List<Product> products, boolean explain) {
        return products.stream().map(p -> forecast(p, explain)).toList();
    }
}

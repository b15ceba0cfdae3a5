package io.launchcast.forecast.serving;

import io.launchcast.features.dataset.Product;
import io.launchcast.forecast.model.ProductForecast;
import io.launchcast.forecast.model.QuantileRows;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A registered model ready to forecast new products: it computes their features in-process (the same
 * computation the feature store runs) and applies the trained model.
 */
public interface ServingModel {

    /** Registry identity of the model, e.g. {@code launch-demand/3}. */
    String version();

    /** The dataset version its past launches and signals come from; null when not known (a model built in a test). */
    default Knowledge knowledge() {
        return null;
    }

    /** Periods after launch it forecasts. */
    int horizon();

    /** Quantile levels a forecast carries unless a request asks for others, ascending. */
    List<Double> quantileLevels();

    /** The lowest and highest quantile level a request may ask for; any level between them is answered. */
    default double[] quantileRange() {
        return new double[] {quantileLevels().get(0), quantileLevels().get(quantileLevels().size() - 1)};
    }

    /**
     * {@code forecast} with the quantile rows of {@code levels}, each within {@link #quantileRange()}: here
     * interpolated between the forecast's own rows; a model calibrated at more levels answers from those.
     */
    default ProductForecast withQuantiles(ProductForecast forecast, List<Double> levels) {
        return new ProductForecast(forecast.productId(), forecast.model(), forecast.mean(), levels,
                QuantileRows.at(forecast.quantileLevels(), forecast.quantiles(), levels), forecast.explanation());
    }

    /** Attribute names its features use. */
    List<String> attributes();

    /**
     * The attributes compared by value (categories), a subset of {@link #attributes()}: a value never seen for
     * one of them is worth a warning; a new description or a new size is not.
     */
    default List<String> categoricalAttributes() {
        return attributes();
    }

    /**
     * Per region of the data it learned from, the region's share of launches' sales ({@link RegionShares}): a
     * forecast asked for a region is the product's total times the share over the {@link #typicalFootprint()}. Empty when the model does not know them:
     * the regions asked for then share the total evenly (one region takes it all), as with data of one region.
     */
    default Map<String, Double> regionShares() {
        return Map.of();
    }

    /**
     * The numeric attribute its features read that counts the regions a product is sold in (a store count), if any:
     * its forecast total then knows the product's footprint, which a request naming the regions gives.
     */
    default java.util.Optional<String> footprintAttribute() {
        return java.util.Optional.empty();
    }

    /**
     * The share of all regions' sales that a launch's own regions typically cover ({@link RegionShares}): the model's
     * total is that of a launch with this footprint, so a region's forecast is the total times its share over it.
     * 1 when not known.
     */
    default double typicalFootprint() {
        return 1;
    }

    /**
     * The first launch date at which its data know any launch's sales (null: not known): a product launching
     * earlier would be forecast from nothing, every feature empty and no analog, so it is refused.
     */
    default LocalDate firstKnowledge() {
        return null;
    }

    /**
     * Whether anything about a product (attributes, words, price) can change its forecast; false when validation
     * registered a global curve, which forecasts every launch of a date alike.
     */
    default boolean readsTheProduct() {
        return true;
    }

    /** Whether the launches it learned from had prices, so that a product's price can move its forecast. */
    default boolean readsPrices() {
        return false;
    }

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

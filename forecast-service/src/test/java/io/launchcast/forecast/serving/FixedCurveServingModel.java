package io.launchcast.forecast.serving;

import io.launchcast.features.dataset.Product;
import io.launchcast.forecast.model.Explanation;
import io.launchcast.forecast.model.ProductForecast;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A serving model with a known, simple answer (mean 10 + period, quantiles at 0.5x, 1x and 1.5x), so the
 * HTTP contract can be checked exactly. The real model's behaviour is tested with the trained models.
 */
final class FixedCurveServingModel implements ServingModel {

    private final String version;
    private final Map<String, Double> regionShares;
    /** What {@link #typicalFootprint()} answers. */
    double typicalFootprint = 1;
    /** How many products it forecast. Serving calls a model from many request threads at once. */
    final java.util.concurrent.atomic.AtomicInteger forecasts = new java.util.concurrent.atomic.AtomicInteger();
    /** The products it forecast, as it was given them. */
    final List<Product> asked = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    /** What {@link #footprintAttribute()} answers (null: none). */
    String footprintAttribute;
    /** What {@link #firstKnowledge()} answers (null: not known). */
    LocalDate firstKnowledge;
    /** What {@link #readsTheProduct()} answers. */
    boolean readsTheProduct = true;
    /** What {@link #readsPrices()} answers. */
    boolean readsPrices;
    /** What {@link #knowledge()} answers (null: not known). */
    Knowledge knowledge;

    FixedCurveServingModel(String version) {
        this(version, Map.of());
    }

    FixedCurveServingModel(String version, Map<String, Double> regionShares) {
        this.version = version;
        this.regionShares = regionShares;
    }

    @Override
    public Knowledge knowledge() {
        return knowledge;
    }

    @Override
    public boolean readsPrices() {
        return readsPrices;
    }

    @Override
    public boolean readsTheProduct() {
        return readsTheProduct;
    }

    @Override
    public LocalDate firstKnowledge() {
        return firstKnowledge;
    }

    @Override
    public Map<String, Double> regionShares() {
        return regionShares;
    }

    @Override
    public double typicalFootprint() {
        return typicalFootprint;
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public int horizon() {
        return 12;
    }

    @Override
    public List<Double> quantileLevels() {
        return List.of(0.1, 0.5, 0.9);
    }

    @Override
    public java.util.Optional<String> footprintAttribute() {
        return java.util.Optional.ofNullable(footprintAttribute);
    }

    @Override
    public List<String> attributes() {
        return footprintAttribute == null ? List.of("category", "color") : List.of("category", "color",
                footprintAttribute);
    }

    @Override
    public List<String> categoricalAttributes() {
        return List.of("category", "color");
    }

    @Override
    public Set<String> knownValues(String attribute) {
        return Map.of("category", Set.of("culottes", "miniskirt"), "color", Set.of("red", "blue")).get(attribute);
    }

    @Override
    public LocalDate periodStart(LocalDate launch, int index) {
        return launch.plusWeeks(index);
    }

    @Override
    public ProductForecast forecast(Product product) {
        forecasts.incrementAndGet();
        asked.add(product);
        double[] mean = new double[12];
        double[][] quantiles = new double[3][12];
        for (int h = 0; h < 12; h++) {
            mean[h] = 10 + h;
            quantiles[0][h] = mean[h] * 0.5;
            quantiles[1][h] = mean[h];
            quantiles[2][h] = mean[h] * 1.5;
        }
        return new ProductForecast(product.id(), version, mean, quantileLevels(), quantiles,
                new Explanation(List.of(new Explanation.Analog("17", 0.6, 0.9), new Explanation.Analog("42", 0.4, 0.7)),
                        List.of(new Explanation.Contribution("calendar.month", -0.3),
                                new Explanation.Contribution("cohort.category.level", 1.2))));
    }
}

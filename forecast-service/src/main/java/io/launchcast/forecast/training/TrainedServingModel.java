package io.launchcast.forecast.training;

import io.launchcast.features.compute.FeatureDefinitions;
import io.launchcast.features.compute.LaunchFeatureComputer;
import io.launchcast.features.dataset.Product;
import io.launchcast.forecast.model.CalibratedModel;
import io.launchcast.forecast.model.LaunchExample;
import io.launchcast.forecast.model.ProductForecast;
import io.launchcast.forecast.serving.Knowledge;
import io.launchcast.forecast.serving.ServingModel;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A registered ensemble ready to serve: it computes a new product's features in-process with the same library
 * and definitions the training used (the feature store's computation), then forecasts with the artifact's model.
 */
final class TrainedServingModel implements ServingModel {

    private final String version;
    private final CalibratedModel model;
    private final LaunchFeatureComputer features;
    private final FeatureDefinitions definitions;
    private final Map<String, Set<String>> knownValues;
    private final Map<String, Double> regionShares;
    private final double typicalFootprint;
    private final String footprintAttribute;
    private final LocalDate firstKnowledge;
    private final boolean readsPrices;
    private final Knowledge knowledge;

    TrainedServingModel(String version, CalibratedModel model, LaunchFeatureComputer features,
            FeatureDefinitions definitions, Map<String, Set<String>> knownValues) {
        this(version, model, features, definitions, knownValues, Map.of(), 1, null, null, false, null);
    }

    /**
     * @param typicalFootprint the share of the regions' sales a launch's own regions typically cover
     * @param footprintAttribute the numeric attribute its features read that counts a product's regions (null: none)
     * @param firstKnowledge the first launch date its history knows a launch's sales on (null: not known; see
     *        {@link ServingModel#firstKnowledge()})
     * @param readsPrices whether its launches had prices
     * @param knowledge the dataset version its history and signals come from (null: not known)
     */
    TrainedServingModel(String version, CalibratedModel model, LaunchFeatureComputer features,
            FeatureDefinitions definitions, Map<String, Set<String>> knownValues, Map<String, Double> regionShares,
            double typicalFootprint, String footprintAttribute, LocalDate firstKnowledge, boolean readsPrices,
            Knowledge knowledge) {
        this.knowledge = knowledge;
        this.typicalFootprint = typicalFootprint;
        this.footprintAttribute = footprintAttribute != null && definitions.numericAttributes()
                .contains(footprintAttribute) ? footprintAttribute : null;
        this.version = version;
        this.readsPrices = readsPrices;
        this.firstKnowledge = firstKnowledge;
        this.model = model;
        this.features = features;
        this.definitions = definitions;
        this.knownValues = knownValues;
        this.regionShares = regionShares;
    }

    @Override
    public boolean readsPrices() {
        return readsPrices;
    }

    @Override
    public LocalDate firstKnowledge() {
        return firstKnowledge;
    }

    @Override
    public boolean readsTheProduct() {
        return model.model().readsTheProduct();
    }

    @Override
    public Map<String, Double> regionShares() {
        return regionShares;
    }

    @Override
    public java.util.Optional<String> footprintAttribute() {
        return java.util.Optional.ofNullable(footprintAttribute);
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
    public Knowledge knowledge() {
        return knowledge;
    }

    @Override
    public int horizon() {
        return definitions.horizon();
    }

    @Override
    public List<Double> quantileLevels() {
        return model.calibration().reported();
    }

    @Override
    public double[] quantileRange() {
        return new double[] {model.calibration().lowest(), model.calibration().highest()};
    }

    @Override
    public ProductForecast withQuantiles(ProductForecast forecast, List<Double> levels) {
        return new ProductForecast(forecast.productId(), forecast.model(), forecast.mean(), levels,
                model.calibration().apply(forecast.mean(), levels), forecast.explanation());
    }

    /** The categorical, free-text (a description) and numeric attributes: a request may give any of them. */
    @Override
    public List<String> attributes() {
        return java.util.stream.Stream.of(definitions.attributes(), definitions.textAttributes(),
                definitions.numericAttributes()).flatMap(List::stream).distinct().toList();
    }

    @Override
    public List<String> categoricalAttributes() {
        return definitions.attributes();
    }

    @Override
    public Set<String> knownValues(String attribute) {
        return knownValues.getOrDefault(attribute, Set.of());
    }

    @Override
    public LocalDate periodStart(LocalDate launch, int index) {
        return definitions.period().plus(definitions.anchor().firstPeriodStart(definitions.period(), launch), index);
    }

    @Override
    public ProductForecast forecast(Product product) {
        return forecast(product, true);
    }

    @Override
    public ProductForecast forecast(Product product, boolean explain) {
        return forecastAll(List.of(product), explain).get(0);
    }

    @Override
    public List<ProductForecast> forecastAll(List<Product> products, boolean explain) {
        List<LaunchExample> examples = new ArrayList<>(products.size());
        for (Product product : products) {
            examples.add(new LaunchExample(product, features.compute(product, product.launchDate()), null));
        }
        List<ProductForecast> forecasts = model.forecastAll(examples, explain);
        List<ProductForecast> out = new ArrayList<>(forecasts.size());
        for (ProductForecast forecast : forecasts) {
            out.add(new ProductForecast(forecast.productId(), version, forecast.mean(), forecast.quantileLevels(),
                    forecast.quantiles(), forecast.explanation()));
        }
        return out;
    }
}

package io.launchcast.forecast.model;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;
import java.util.Map;

/**
 * An {@link AnalogModel}: the attributes compared, in order (the order breaks similarity ties), their learned
 * weights in the same order, the neighbour count, the learned weight of price closeness (null in artifacts
 * written before price was compared: 0), and the statistic of the neighbours' curves ({@value #MEDIAN} or null
 * for the weighted mean, as in artifacts written before the median could be learned), and the learned weights of
 * the numeric attributes compared by closeness (null in artifacts written before: none).
 */
@JsonTypeName("analog")
public record AnalogSpec(List<String> attributes, double[] weights, int k, Double priceWeight, String statistic,
        Map<String, Double> numericWeights) implements ComponentSpec {

    /** The neighbours' weighted median per period. */
    public static final String MEDIAN = "median";

    public AnalogSpec(List<String> attributes, double[] weights, int k) {
        this(attributes, weights, k, 0.0, null, null);
    }

    public AnalogSpec(List<String> attributes, double[] weights, int k, Double priceWeight, String statistic) {
        this(attributes, weights, k, priceWeight, statistic, null);
    }

    public AnalogSpec {
        attributes = List.copyOf(attributes);
        weights = weights.clone();
        priceWeight = priceWeight == null ? 0.0 : priceWeight;
        numericWeights = numericWeights == null ? Map.of() : Map.copyOf(numericWeights);
        if (statistic != null && !statistic.equals(MEDIAN)) {
            throw new IllegalArgumentException("analog statistic " + statistic + ": " + MEDIAN + " or none (the mean)");
        }
        if (weights.length != attributes.size()) {
            throw new IllegalArgumentException(attributes.size() + " analog attributes but " + weights.length
                    + " weights");
        }
    }

    @Override
    public CurveModel rebuild(ComponentContext context) {
        return new AnalogModel(context.history(), attributes, weights, priceWeight, numericWeights, k,
                MEDIAN.equals(statistic), context.horizon());
    }
}

package io.launchcast.forecast.model;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;

/**
 * An {@link AnalogModel}: the attributes compared, in order (the order breaks similarity ties), their learned
 * weights in the same order, the neighbour count, the learned weight of price closeness (null in artifacts
 * written before price was compared: 0), and the statistic of the neighbours' curves ({@value #MEDIAN} or null
 * for the weighted mean, as in artifacts written before the median could be learned).
 */
@JsonTypeName("analog")
public record AnalogSpec(List<String> attributes, double[] weights, int k, Double priceWeight, String statistic)
        implements ComponentSpec {

    /** The neighbours' weighted median per period. */
    public static final String MEDIAN = "median";

    public AnalogSpec(List<String> attributes, double[] weights, int k) {
        this(attributes, weights, k, 0.0, null);
    }

    public AnalogSpec {
        attributes = List.copyOf(attributes);
        weights = weights.clone();
        priceWeight = priceWeight == null ? 0.0 : priceWeight;
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
        return new AnalogModel(context.history(), attributes, weights, priceWeight, k, MEDIAN.equals(statistic),
                context.horizon());
    }
}

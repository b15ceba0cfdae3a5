package io.launchcast.forecast.model;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;

/**
 * An {@link AnalogModel}: the attributes compared, in order (the order breaks similarity ties), their learned
 * weights in the same order, the neighbour count, and the learned weight of price closeness (null in artifacts
 * written before price was compared: 0).
 */
@JsonTypeName("analog")
public record AnalogSpec(List<String> attributes, double[] weights, int k, Double priceWeight)
        implements ComponentSpec {

    public AnalogSpec(List<String> attributes, double[] weights, int k) {
        this(attributes, weights, k, 0.0);
    }

    public AnalogSpec {
        attributes = List.copyOf(attributes);
        weights = weights.clone();
        priceWeight = priceWeight == null ? 0.0 : priceWeight;
        if (weights.length != attributes.size()) {
            throw new IllegalArgumentException(attributes.size() + " analog attributes but " + weights.length
                    + " weights");
        }
    }

    @Override
    public CurveModel rebuild(ComponentContext context) {
        return new AnalogModel(context.history(), attributes, weights, priceWeight, k, context.horizon());
    }
}

package io.launchcast.forecast.model;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;

/**
 * An {@link AnalogModel}: the attributes compared, in order (the order breaks similarity ties), their learned
 * weights in the same order, and the neighbour count.
 */
@JsonTypeName("analog")
public record AnalogSpec(List<String> attributes, double[] weights, int k) implements ComponentSpec {

    public AnalogSpec {
        attributes = List.copyOf(attributes);
        weights = weights.clone();
        if (weights.length != attributes.size()) {
            throw new IllegalArgumentException(attributes.size() + " analog attributes but " + weights.length
                    + " weights");
        }
    }

    @Override
    public CurveModel rebuild(ComponentContext context) {
        return new AnalogModel(context.history(), attributes, weights, k, context.horizon());
    }
}

package io.launchcast.forecast.model;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * A {@link BoostedCurveModel}: its Tribuo model is the artifact's binary section {@code section}; it stacks the
 * forecast of the component named {@code stacked} as features and, when {@code offset} names a component, learns
 * relative to that component's curve (either may be {@code null}).
 */
@JsonTypeName("boosted")
public record BoostedSpec(String section, String stacked, String offset) implements ComponentSpec {

    @Override
    public CurveModel rebuild(ComponentContext context) {
        return BoostedCurveModel.fromBytes(context.section(section), context.component(stacked),
                context.component(offset), context.horizon());
    }
}

package io.launchcast.forecast.model;

import io.launchcast.features.compute.LaunchHistory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A trained ensemble as training produced it, the artifact stores it and serving rebuilds it: its components
 * (each a {@link ComponentSpec} under the name the others refer to it by) with their blend weights, and the
 * level factor applied after blending.
 *
 * @param horizon the number of periods forecast
 * @param components the components in blend order
 * @param level the level factor
 */
public record EnsembleSpec(int horizon, List<Component> components, double level) {

    public EnsembleSpec {
        components = List.copyOf(components);
    }

    /** One component: its name, its weight in the blend and what it learned. */
    public record Component(String name, double weight, ComponentSpec model) {
    }

    /** The spec of {@code blend}, whose components must all be {@link EnsembleComponent}s. */
    public static EnsembleSpec of(BlendedModel blend, int horizon) {
        List<Component> components = new ArrayList<>();
        double[] weights = blend.weights();
        for (int i = 0; i < blend.components().size(); i++) {
            CurveModel model = blend.components().get(i);
            if (!(model instanceof EnsembleComponent component)) {
                throw new IllegalArgumentException("the blend's component " + model.name() + " ("
                        + model.getClass().getSimpleName() + ") cannot be stored: it has no ComponentSpec");
            }
            components.add(new Component(model.name(), weights[i], component.spec()));
        }
        return new EnsembleSpec(horizon, components, blend.level());
    }

    /** The blend named {@code name}, its components forecasting from {@code history}. */
    public BlendedModel rebuild(String name, LaunchHistory history, Map<String, byte[]> sections) {
        ComponentContext context = new ComponentContext(history, horizon, sections,
                components.stream().map(c -> new ComponentContext.NamedSpec(c.name(), c.model())).toList());
        List<CurveModel> models = components.stream().map(c -> context.component(c.name())).toList();
        double[] weights = components.stream().mapToDouble(Component::weight).toArray();
        return new BlendedModel(name, models, weights, level);
    }
}

package io.launchcast.forecast.model;

import io.launchcast.features.compute.LaunchHistory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a component is rebuilt from: the launch history it forecasts from, the horizon, the artifact's binary
 * sections, and the other components of the same ensemble (a model stacked on another gets the very instance
 * the blend uses, built once).
 */
public final class ComponentContext {

    private final LaunchHistory history;
    private final int horizon;
    private final Map<String, byte[]> sections;
    private final Map<String, ComponentSpec> specs = new HashMap<>();
    private final Map<String, CurveModel> built = new HashMap<>();

    ComponentContext(LaunchHistory history, int horizon, Map<String, byte[]> sections, List<NamedSpec> components) {
        this.history = history;
        this.horizon = horizon;
        this.sections = Map.copyOf(sections);
        components.forEach(c -> specs.put(c.name(), c.spec()));
    }

    /** A component spec under the name the other components refer to it by. */
    record NamedSpec(String name, ComponentSpec spec) {
    }

    public LaunchHistory history() {
        return history;
    }

    public int horizon() {
        return horizon;
    }

    /** The binary section {@code name} of the artifact; refused when the artifact has none of that name. */
    public byte[] section(String name) {
        byte[] bytes = sections.get(name);
        if (bytes == null) {
            throw new IllegalArgumentException("the model artifact has no binary section '" + name + "' (it has "
                    + sections.keySet() + ")");
        }
        return bytes;
    }

    /** The ensemble's component {@code name}, built on first use; {@code null} for a {@code null} name. */
    public CurveModel component(String name) {
        if (name == null) {
            return null;
        }
        CurveModel model = built.get(name);
        if (model == null) {
            ComponentSpec spec = specs.get(name);
            if (spec == null) {
                throw new IllegalArgumentException("the ensemble has no component '" + name + "' (it has "
                        + specs.keySet() + ")");
            }
            model = spec.rebuild(this);
            built.put(name, model);
        }
        return model;
    }
}

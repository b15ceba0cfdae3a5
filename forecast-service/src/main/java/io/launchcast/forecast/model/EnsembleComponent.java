package io.launchcast.forecast.model;

import java.util.Map;

/** A model that can be a component of a stored ensemble: it says what it learned as a {@link ComponentSpec}. */
public interface EnsembleComponent extends CurveModel {

    /** What this model learned, enough for {@link ComponentSpec#rebuild} to give an equal model back. */
    ComponentSpec spec();

    /** Binary sections the spec refers to by name (a model format of its own, such as Tribuo's). */
    default Map<String, byte[]> sections() {
        return Map.of();
    }

    /** Provenance of a third-party model format, as text; {@code null} when there is none. */
    default String provenance() {
        return null;
    }
}

package io.launchcast.platform.models;

import java.util.Optional;

/**
 * A registered model version as forecasts name it, {@code <group>/<version>} ({@code launch-demand/2}): the
 * {@code modelVersion} of every forecast, and so of every captured one. Monitoring reads a version's baseline
 * folder by its number, so both sides spell it through this one type.
 */
public record ModelVersionId(String group, int version) {

    public ModelVersionId {
        if (group == null || group.isBlank() || group.indexOf('/') >= 0) {
            throw new IllegalArgumentException("a model group is a non-blank name without '/', not '" + group + "'");
        }
        if (version < 1) {
            throw new IllegalArgumentException("model versions count from 1, not " + version);
        }
    }

    /** {@code launch-demand/2} as its group and version; empty for anything else (a forecast of another producer). */
    public static Optional<ModelVersionId> parse(String id) {
        int slash = id == null ? -1 : id.lastIndexOf('/');
        if (slash <= 0 || slash == id.length() - 1) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ModelVersionId(id.substring(0, slash), Integer.parseInt(id.substring(slash + 1))));
        } catch (IllegalArgumentException e) { // not a number, or not a version (0, negative)
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return group + "/" + version;
    }
}

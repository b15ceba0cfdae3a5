package io.launchcast.forecast.serving;

import io.launchcast.forecast.registry.ModelVersion;

/** Turns a registered artifact back into a model that can serve, on the data it should forecast from. */
public interface ServingModelLoader {

    /**
     * The dataset version a model of {@code version} should forecast from now, by {@link ServingProperties#knowledge()}:
     * the version its lineage names, or the newest usable version of that dataset.
     */
    Knowledge knowledge(ModelVersion version);

    /**
     * @param version the registry entry (lineage says which dataset the features come from)
     * @param knowledge the dataset version its features and analogs are computed from
     * @param artifact the artifact bytes, already checked against their registered hash
     * @throws SkewedFeaturesException when {@code knowledge} defines the features otherwise than the model was trained
     *         with
     */
    ServingModel load(ModelVersion version, Knowledge knowledge, byte[] artifact);

    /** Serving with features defined otherwise than training's would be training/serving skew: refused. */
    final class SkewedFeaturesException extends IllegalStateException {

        public SkewedFeaturesException(String message) {
            super(message);
        }
    }
}

package io.launchcast.forecast.serving;

import io.launchcast.forecast.registry.ModelVersion;

/** Turns a registered artifact back into a model that can serve. */
public interface ServingModelLoader {

    /**
     * @param version the registry entry (lineage says which dataset the features come from)
     * @param artifact the artifact bytes, already checked against their registered hash
     */
    ServingModel load(ModelVersion version, byte[] artifact);
}

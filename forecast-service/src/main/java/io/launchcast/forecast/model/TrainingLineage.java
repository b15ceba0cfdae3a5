package io.launchcast.forecast.model;

import java.util.Map;

/**
 * Where a trained model comes from: the dataset version and its manifest hash, the feature definitions
 * version and hash, the seed, the hyperparameters and the code version. Stored in every model artifact so
 * that a registered model leads back to its exact inputs.
 */
public record TrainingLineage(String dataset, String datasetVersion, String datasetManifestSha256,
                              String featureDefinitionsVersion, String featureDefinitionsSha256, long seed,
                              Map<String, Object> hyperparameters, String codeVersion) {

    public TrainingLineage {
        hyperparameters = Map.copyOf(hyperparameters);
    }

    /** The version of this code: the jar's implementation version, or "dev" when run from classes. */
    public static String currentCodeVersion() {
        String v = TrainingLineage.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}

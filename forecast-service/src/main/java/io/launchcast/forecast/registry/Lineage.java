package io.launchcast.forecast.registry;

import java.util.List;
import java.util.Map;

/**
 * Everything needed to say where a model came from and to rebuild it.
 *
 * @param datasets the dataset versions (with manifest hashes) behind the training set
 * @param featureDefinitionsVersion version of the feature definitions used
 * @param featureDefinitionsHash hash of those definitions
 * @param trainingSetHash hash of the exact training set
 * @param trainingSetManifest object-store key of the feature store's manifest of that training set (its id,
 *        definitions, the feature syncs it drew on)
 * @param hyperparameters hyperparameters as strings, sorted by name
 * @param seed random seed of training
 * @param codeVersion version of the code that trained it (build version and commit)
 * @param provenanceJson Tribuo's provenance of the trained model, as JSON
 */
public record Lineage(List<DatasetLineage> datasets, String featureDefinitionsVersion, String featureDefinitionsHash,
        String trainingSetHash, String trainingSetManifest, Map<String, String> hyperparameters, long seed, String codeVersion,
        String provenanceJson) {

    public Lineage {
        datasets = List.copyOf(datasets);
        hyperparameters = Map.copyOf(hyperparameters);
    }
}

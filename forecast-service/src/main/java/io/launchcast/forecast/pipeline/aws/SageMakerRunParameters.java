package io.launchcast.forecast.pipeline.aws;

import io.launchcast.forecast.pipeline.InvalidRunParametersException;
import io.launchcast.platform.datasets.DatasetVersions;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A run's parameters as the API takes them in both modes (the local runner's names: {@code dataset},
 * {@code datasetVersion}, {@code maxWape}, hyperparameter overrides, {@code trigger}), turned into the SageMaker
 * pipeline's. SageMaker refuses a parameter its definition does not declare and an empty value, so a name neither
 * vocabulary knows is refused here, with the names that are accepted, before anything starts.
 */
final class SageMakerRunParameters {

    static final String DATASET_MANIFEST = "DatasetManifest";
    /** The S3 prefix of the run's dataset version: Prepare's input (only that version is downloaded). */
    static final String DATASET_VERSION_URI = "DatasetVersionUri";
    static final String TRIGGER = "Trigger";

    private final Map<String, String> defaults;
    private final String bucket;
    private final String defaultDataset;
    private final DatasetVersions versions;

    /**
     * @param defaults the definition's parameters with their defaults
     * @param defaultDataset the dataset a run trains on unless it names one ({@code launchcast.training.dataset})
     */
    SageMakerRunParameters(Map<String, String> defaults, String bucket, String defaultDataset, DatasetVersions versions) {
        this.defaults = defaults;
        this.bucket = bucket;
        this.defaultDataset = defaultDataset;
        this.versions = versions;
    }

    /** The execution's parameters: the defaults, then the run's, translated; the dataset version resolved. */
    Map<String, String> resolve(Map<String, String> run) {
        Map<String, String> effective = new TreeMap<>(defaults);
        String dataset = null;
        String version = null;
        for (Map.Entry<String, String> parameter : run.entrySet()) {
            String name = parameter.getKey();
            String value = parameter.getValue();
            if (value == null || value.isBlank()) {
                throw new InvalidRunParametersException("parameter " + name + " is empty: leave it out to take its default");
            }
            switch (name) {
                case "dataset" -> dataset = value;
                case "datasetVersion" -> version = value;
                case "maxWape" -> effective.put("MaxWape", value);
                case "trigger" -> effective.put(TRIGGER, value);
                default -> effective.put(declared(name), value);
            }
        }
        String manifest = run.containsKey(DATASET_MANIFEST) ? run.get(DATASET_MANIFEST)
                : dataset == null && version == null && !defaults.getOrDefault(DATASET_MANIFEST, "").isBlank()
                        ? defaults.get(DATASET_MANIFEST)
                        : manifestOf(dataset == null ? defaultDataset : dataset, version);
        String prefix = versionPrefix(manifest);
        effective.put(DATASET_MANIFEST, manifest);
        effective.put(DATASET_VERSION_URI, "s3://" + bucket + "/" + prefix);
        return effective;
    }

    /** A declared name as it is, or a hyperparameter override ({@code rounds}) as its parameter ({@code HpRounds}). */
    private String declared(String name) {
        if (defaults.containsKey(name)) {
            return name;
        }
        String hyperparameter = "Hp" + name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
        if (defaults.containsKey(hyperparameter)) {
            return hyperparameter;
        }
        throw new InvalidRunParametersException("the SageMaker pipeline takes no parameter " + name + ": it takes dataset, "
                + "datasetVersion, maxWape, trigger, " + String.join(", ", new TreeMap<>(defaults).keySet())
                + " (a hyperparameter is declared under launchcast.pipeline.sagemaker.hyperparameters)");
    }

    private String manifestOf(String dataset, String version) {
        try {
            return manifestKey(dataset, versions.usableVersion(dataset, version));
        } catch (DatasetVersions.UnusableVersionException e) {
            throw new InvalidRunParametersException(e.getMessage());
        }
    }

    private static String manifestKey(String dataset, String version) {
        return DatasetVersions.prefix(dataset, version) + DatasetVersions.MANIFEST;
    }

    /** The version's prefix of a manifest key ({@code curated/<dataset>/v=<version>/_manifest.json}). */
    static String versionPrefix(String manifestKey) {
        if (datasetOf(manifestKey).isEmpty()) {
            throw new InvalidRunParametersException("DatasetManifest " + manifestKey + " is not a curated version's "
                    + "manifest (curated/<dataset>/v=<version>/_manifest.json)");
        }
        return manifestKey.substring(0, manifestKey.length() - DatasetVersions.MANIFEST.length());
    }

    /** The dataset a curated version's manifest key names, if it is one. */
    static Optional<String> datasetOf(String manifestKey) {
        String[] parts = manifestKey.split("/");
        boolean manifest = parts.length == 4 && parts[0].equals("curated") && !parts[1].isBlank()
                && !parts[1].equals("..") && parts[2].startsWith("v=") && parts[3].equals(DatasetVersions.MANIFEST);
        return manifest ? Optional.of(parts[1]) : Optional.empty();
    }
}

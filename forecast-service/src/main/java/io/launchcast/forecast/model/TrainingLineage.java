package io.launchcast.forecast.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

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

    /**
     * The version of this code: the jar's implementation version ("dev" when run from classes) and, when the build
     * ran in a git checkout, the commit it was built from ({@code +g<abbreviated id>}, {@code .dirty} if files
     * differed from it): a snapshot version alone names no code.
     */
    public static String currentCodeVersion() {
        String v = TrainingLineage.class.getPackage().getImplementationVersion();
        return codeVersion(v == null ? "dev" : v, TrainingLineage.class.getResourceAsStream("/git.properties"));
    }

    static String codeVersion(String version, InputStream gitProperties) {
        if (gitProperties == null) {
            return version;
        }
        Properties git = new Properties();
        try (InputStream in = gitProperties) {
            git.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the build's git.properties", e);
        }
        String commit = git.getProperty("git.commit.id.abbrev");
        if (commit == null || commit.isBlank()) {
            return version;
        }
        return version + "+g" + commit + (Boolean.parseBoolean(git.getProperty("git.dirty")) ? ".dirty" : "");
    }
}

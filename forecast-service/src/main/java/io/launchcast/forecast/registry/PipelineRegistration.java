package io.launchcast.forecast.registry;

import java.util.Map;

/**
 * What a training pipeline that registers through its platform's own step (SageMaker Pipelines' RegisterModel)
 * leaves beside the registered model, so that the registry reads the model as one it registered itself: the
 * artifact, its lineage and its metrics. The files sit in one folder with the package's model data
 * ({@value #MODEL_DATA}); names are relative to that folder.
 *
 * @param artifact the artifact's file ({@value #ARTIFACT})
 * @param artifactSha256 the artifact's SHA-256, which every read of it is checked against
 * @param lineage the {@link Lineage}'s JSON file ({@value #LINEAGE})
 * @param metrics the held-out metrics of the model, as a registration carries them
 * @param monitoring the folder of the model's monitoring baseline ({@value #MONITORING}), which the registry
 *        publishes under the version's own folder ({@link #baselineFolder}) once the version has a number
 */
public record PipelineRegistration(String artifact, String artifactSha256, String lineage, Map<String, Double> metrics,
        String monitoring) {

    /** This record's JSON file, in the folder of the model data. */
    public static final String FILE = "registration.json";
    public static final String MODEL_DATA = "model.tar.gz";
    public static final String ARTIFACT = "artifact.bin";
    public static final String LINEAGE = "lineage.json";
    public static final String MONITORING = "monitoring/";

    /**
     * Where a registered version's monitoring baseline is read from (by the monitor-service): Model Monitor's files
     * under {@code monitoring/baselines/<group>/v<version>/}.
     */
    public static String baselineFolder(String group, int version) {
        return "monitoring/baselines/" + group + "/v" + version + "/";
    }

    public PipelineRegistration {
        metrics = Map.copyOf(metrics);
    }
}

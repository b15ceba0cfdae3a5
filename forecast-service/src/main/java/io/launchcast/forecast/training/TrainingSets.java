package io.launchcast.forecast.training;

import io.launchcast.features.compute.FeatureDefinitions;

/**
 * Where the training pipeline gets its point-in-time training sets: the feature store (the feature-service's
 * export over the offline store, which is S3 in aws mode), never features computed by the pipeline itself.
 */
public interface TrainingSets {

    /**
     * The training set of every launch of a dataset version, with features computed under {@code definitions}
     * (the store computes them first if it does not hold them yet).
     */
    ExportedTrainingSet launchesOf(String dataset, String version, FeatureDefinitions definitions);

    /**
     * A training set's manifest as the feature store wrote it.
     *
     * @param parquetKey object-store key of its Parquet file
     * @param sha256 SHA-256 of the Parquet bytes
     * @param definitionsHash the feature definitions every row was computed with
     */
    record ExportedTrainingSet(String id, String parquetKey, String manifestKey, String sha256, long rows,
            String definitionsHash) {
    }
}

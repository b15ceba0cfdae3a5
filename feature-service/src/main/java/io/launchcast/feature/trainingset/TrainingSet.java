package io.launchcast.feature.trainingset;

import java.time.Instant;
import java.util.List;

/**
 * A written training set: where it is and what it holds (its manifest).
 *
 * @param id content-derived: the Parquet file's SHA-256 prefix, so equal content has one id
 * @param parquetKey object-store key of the Parquet file
 * @param sha256 SHA-256 of the Parquet bytes
 * @param featureGroupsVersion version of the feature-group declarations
 * @param syncs the dataset versions and feature definitions whose features it contains
 * @param columns feature columns, in file order
 */
public record TrainingSet(String id, String parquetKey, String sha256, long rows, Instant knownAt,
        String featureGroupsVersion, List<String> syncs, List<String> columns, double buildSeconds) {
}

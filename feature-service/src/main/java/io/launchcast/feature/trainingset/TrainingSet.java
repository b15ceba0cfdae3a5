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
 * @param definitionsHash the feature definitions every row was computed with; null when rows of any definitions
 *        were taken (entities or a selector without definitions)
 * @param dataset the dataset version whose launches it holds ({@code <dataset>/<version>}), or null
 */
public record TrainingSet(String id, String parquetKey, String sha256, long rows, Instant knownAt,
        String featureGroupsVersion, List<String> syncs, List<String> columns, double buildSeconds,
        String definitionsHash, String dataset) {

    /** Where this set's manifest is, next to its Parquet file. */
    public String manifestKey() {
        return TrainingSetBuilder.ROOT + id + "/manifest.json";
    }
}

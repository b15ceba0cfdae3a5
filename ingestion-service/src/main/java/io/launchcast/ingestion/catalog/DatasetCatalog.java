package io.launchcast.ingestion.catalog;

import io.launchcast.ingestion.curated.Manifest;

/** Makes a published dataset version queryable by table name. */
public interface DatasetCatalog {

    /**
     * Points the dataset's tables at the version described by {@code manifest} and registers its partitions.
     * Called after the manifest is written; calling it again for the same manifest changes nothing.
     *
     * @throws CatalogException if the catalog refused or could not be reached
     */
    void register(Manifest manifest);
}

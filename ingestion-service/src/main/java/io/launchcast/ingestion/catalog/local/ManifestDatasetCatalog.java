package io.launchcast.ingestion.catalog.local;

import io.launchcast.ingestion.catalog.DatasetCatalog;
import io.launchcast.ingestion.curated.Manifest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Local mode's catalog. The manifest already lists tables, columns and partitions, and local readers
 * (DuckDB) query Parquet by path, so registration only records that the version is readable.
 */
public class ManifestDatasetCatalog implements DatasetCatalog {

    private static final Logger log = LoggerFactory.getLogger(ManifestDatasetCatalog.class);

    @Override
    public void register(Manifest manifest) {
        log.info("dataset {} version {} readable through its manifest ({} tables)", manifest.dataset(),
                manifest.version(), manifest.tables().size());
    }
}

package io.launchcast.ingestion.catalog.local;

import io.launchcast.ingestion.catalog.DatasetCatalog;
import io.launchcast.ingestion.catalog.DatasetCatalogContract;
import io.launchcast.ingestion.curated.Manifest;

class ManifestDatasetCatalogTest implements DatasetCatalogContract {

    final ManifestDatasetCatalog catalog = new ManifestDatasetCatalog();

    @Override
    public DatasetCatalog catalog() {
        return catalog;
    }

    @Override
    public Manifest manifest() {
        return DatasetCatalogContract.sampleManifest("20240101T000000Z-0123456789ab");
    }

    @Override
    public void alreadyRegistered() {
        catalog.register(manifest());
    }
}

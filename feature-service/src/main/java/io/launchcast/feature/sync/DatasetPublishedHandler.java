package io.launchcast.feature.sync;

import io.launchcast.platform.datasets.DatasetVersions;
import io.launchcast.platform.datasets.UsableVersionHandler;
import io.launchcast.platform.events.DatasetPublished;
import org.springframework.stereotype.Component;

/**
 * Recomputes features when a curated dataset version is published (idempotent: a replay changes nothing),
 * unless the version has been withdrawn.
 */
@Component
class DatasetPublishedHandler extends UsableVersionHandler {

    private final FeatureSync sync;

    DatasetPublishedHandler(FeatureSync sync, DatasetVersions versions) {
        super(versions, "syncing features of");
        this.sync = sync;
    }

    @Override
    protected void handleUsable(DatasetPublished event) {
        sync.sync(event.dataset(), event.version());
    }
}

package io.launchcast.feature.sync;

import io.launchcast.platform.datasets.DatasetVersions;
import io.launchcast.platform.events.DatasetPublished;
import io.launchcast.platform.events.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Recomputes features when a curated dataset version is published (idempotent: a replay changes nothing),
 * unless the version has been withdrawn.
 */
@Component
class DatasetPublishedHandler implements EventHandler<DatasetPublished> {

    private static final Logger log = LoggerFactory.getLogger(DatasetPublishedHandler.class);

    private final FeatureSync sync;
    private final DatasetVersions versions;

    DatasetPublishedHandler(FeatureSync sync, DatasetVersions versions) {
        this.sync = sync;
        this.versions = versions;
    }

    @Override
    public Class<DatasetPublished> eventType() {
        return DatasetPublished.class;
    }

    @Override
    public void handle(DatasetPublished event) {
        var withdrawal = versions.withdrawal(event.dataset(), event.version());
        if (withdrawal.isPresent()) {
            // withdrawn between its publication and this delivery (or replayed later): its features stay out
            log.info("not syncing {} {}: withdrawn by {} ({})", event.dataset(), event.version(),
                    withdrawal.get().withdrawnBy(), withdrawal.get().reason());
            return;
        }
        sync.sync(event.dataset(), event.version());
    }
}

package io.launchcast.feature.sync;

import io.launchcast.platform.events.DatasetPublished;
import io.launchcast.platform.events.EventHandler;
import org.springframework.stereotype.Component;

/** Recomputes features when a curated dataset version is published (idempotent: a replay changes nothing). */
@Component
class DatasetPublishedHandler implements EventHandler<DatasetPublished> {

    private final FeatureSync sync;

    DatasetPublishedHandler(FeatureSync sync) {
        this.sync = sync;
    }

    @Override
    public Class<DatasetPublished> eventType() {
        return DatasetPublished.class;
    }

    @Override
    public void handle(DatasetPublished event) {
        sync.sync(event.dataset(), event.version());
    }
}

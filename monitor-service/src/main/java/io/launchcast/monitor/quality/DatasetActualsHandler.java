package io.launchcast.monitor.quality;

import io.launchcast.platform.datasets.DatasetVersions;
import io.launchcast.platform.events.DatasetPublished;
import io.launchcast.platform.events.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A published curated dataset version brings actuals: its sales are joined with the captured forecasts
 * (idempotent: a redelivered event finds its join record), unless the version was withdrawn.
 */
@Component
class DatasetActualsHandler implements EventHandler<DatasetPublished> {

    private static final Logger log = LoggerFactory.getLogger(DatasetActualsHandler.class);

    private final ForecastQuality quality;
    private final DatasetVersions versions;

    DatasetActualsHandler(ForecastQuality quality, DatasetVersions versions) {
        this.quality = quality;
        this.versions = versions;
    }

    @Override
    public Class<DatasetPublished> eventType() {
        return DatasetPublished.class;
    }

    @Override
    public void handle(DatasetPublished event) {
        if (versions.isWithdrawn(event.dataset(), event.version())) {
            log.info("not joining the actuals of {} {}: withdrawn", event.dataset(), event.version());
            return;
        }
        quality.joinDataset(event.dataset(), event.version());
    }
}

package io.launchcast.monitor.quality;

import io.launchcast.platform.datasets.DatasetVersions;
import io.launchcast.platform.datasets.UsableVersionHandler;
import io.launchcast.platform.events.DatasetPublished;
import org.springframework.stereotype.Component;

/**
 * A published curated dataset version brings actuals: its sales are joined with the captured forecasts
 * (idempotent: a redelivered event finds its join record), unless the version was withdrawn.
 */
@Component
class DatasetActualsHandler extends UsableVersionHandler {

    private final ForecastQuality quality;

    DatasetActualsHandler(ForecastQuality quality, DatasetVersions versions) {
        super(versions, "joining the actuals of");
        this.quality = quality;
    }

    @Override
    protected void handleUsable(DatasetPublished event) {
        quality.joinDataset(event.dataset(), event.version());
    }
}

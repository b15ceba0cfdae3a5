package io.launchcast.platform.datasets;

import io.launchcast.platform.events.DatasetPublished;
import io.launchcast.platform.events.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acts on a published dataset version unless it has been withdrawn: between its publication and this delivery,
 * or before a replay of the event, a withdrawn version stays out of every consumer (the withdrawal is read at
 * delivery, not trusted from the event).
 */
public abstract class UsableVersionHandler implements EventHandler<DatasetPublished> {

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final DatasetVersions versions;
    private final String action;

    /** @param action what the handler does with a version, for the log ("syncing features of") */
    protected UsableVersionHandler(DatasetVersions versions, String action) {
        this.versions = versions;
        this.action = action;
    }

    @Override
    public final Class<DatasetPublished> eventType() {
        return DatasetPublished.class;
    }

    @Override
    public final void handle(DatasetPublished event) {
        var withdrawal = versions.withdrawal(event.dataset(), event.version());
        if (withdrawal.isPresent()) {
            log.info("not {} {} {}: withdrawn by {} ({})", action, event.dataset(), event.version(),
                    withdrawal.get().withdrawnBy(), withdrawal.get().reason());
            return;
        }
        handleUsable(event);
    }

    /** Acts on a version that is not withdrawn (idempotently: delivery is at least once). */
    protected abstract void handleUsable(DatasetPublished event);
}

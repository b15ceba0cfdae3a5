package io.launchcast.forecast.serving;

import io.launchcast.platform.datasets.DatasetVersions;
import io.launchcast.platform.events.DatasetPublished;
import io.launchcast.platform.datasets.UsableVersionHandler;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Brings the champion's data up to date: a published version of the dataset it forecasts from (and, every
 * {@code launchcast.serving.knowledge-check}, any change the event may not have announced: a missed delivery, a
 * withdrawal) makes the {@link ChampionLoader} load it on the newest usable version, by
 * {@link ServingProperties#knowledge()}.
 */
public class KnowledgeRefresh extends UsableVersionHandler {

    private final ChampionModel champion;
    private final ChampionLoader loader;

    public KnowledgeRefresh(DatasetVersions versions, ChampionModel champion, ChampionLoader loader) {
        super(versions, "refreshing the champion's data with");
        this.champion = champion;
        this.loader = loader;
    }

    @Override
    protected void handleUsable(DatasetPublished event) {
        boolean ofAnotherDataset = champion.loaded().map(ServingModel::knowledge)
                .filter(k -> !k.dataset().equals(event.dataset())).isPresent();
        if (!ofAnotherDataset) {
            loader.refresh();
        }
    }

    @Scheduled(initialDelayString = "${launchcast.serving.knowledge-check:5m}",
            fixedDelayString = "${launchcast.serving.knowledge-check:5m}")
    void check() {
        loader.refresh();
    }
}

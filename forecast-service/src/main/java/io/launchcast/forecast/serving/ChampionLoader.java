package io.launchcast.forecast.serving;

import io.launchcast.forecast.registry.ModelRegistry;
import io.launchcast.forecast.registry.ModelVersion;
import io.launchcast.platform.events.EventHandler;
import io.launchcast.platform.events.ModelApprovalChanged;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * Keeps the champion in step with the registry: at start-up, and whenever an approval or rejection (rollback
 * included) is announced, it loads the registry's champion from its artifact and swaps it in.
 */
public class ChampionLoader implements EventHandler<ModelApprovalChanged> {

    private static final Logger log = LoggerFactory.getLogger(ChampionLoader.class);

    private final ModelRegistry registry;
    private final ChampionModel champion;
    private final ObjectProvider<ServingModelLoader> loader;

    public ChampionLoader(ModelRegistry registry, ChampionModel champion, ObjectProvider<ServingModelLoader> loader) {
        this.registry = registry;
        this.champion = champion;
        this.loader = loader;
    }

    @Override
    public Class<ModelApprovalChanged> eventType() {
        return ModelApprovalChanged.class;
    }

    @Override
    public void handle(ModelApprovalChanged event) {
        if (event.modelGroup().equals(champion.group())) {
            refresh();
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    public void loadAtStartup() {
        try {
            refresh();
        } catch (RuntimeException e) {
            log.error("could not load the champion at start-up; /ping answers 503 until one loads", e);
        }
    }

    /** Loads the registry's champion if it is not the one serving; returns the version serving afterwards. */
    public synchronized Optional<String> refresh() {
        Optional<ModelVersion> wanted = registry.champion(champion.group());
        if (wanted.isEmpty()) {
            log.info("model group {} has no approved version yet", champion.group());
            return champion.loaded().map(ServingModel::version);
        }
        ModelVersion version = wanted.get();
        String id = version.id().toString();
        if (champion.loaded().map(ServingModel::version).filter(id::equals).isPresent()) {
            return Optional.of(id);
        }
        ServingModelLoader modelLoader = loader.getIfAvailable();
        if (modelLoader == null) {
            log.warn("no model loader is configured; champion {} cannot be served", id);
            return champion.loaded().map(ServingModel::version);
        }
        long t0 = System.nanoTime();
        ServingModel model = modelLoader.load(version, registry.artifact(version.group(), version.version()));
        Optional<ServingModel> previous = champion.swap(model);
        log.info("now serving {} (was {}), loaded in {} ms", id, previous.map(ServingModel::version).orElse("none"),
                (System.nanoTime() - t0) / 1_000_000);
        return Optional.of(id);
    }
}

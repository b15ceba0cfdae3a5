package io.launchcast.ingestion.run;

import io.launchcast.ingestion.mapping.MappingRepository;
import io.launchcast.platform.events.EventHandler;
import io.launchcast.platform.events.ObjectCreated;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a run when an object lands under {@code landing/<mapping>/}. Unknown mappings and objects outside
 * the landing prefix are acknowledged and ignored: retrying them could never succeed.
 */
public class LandingObjectHandler implements EventHandler<ObjectCreated> {

    private static final Logger log = LoggerFactory.getLogger(LandingObjectHandler.class);
    static final String LANDING = "landing/";

    private final IngestionService ingestions;
    private final MappingRepository mappings;

    public LandingObjectHandler(IngestionService ingestions, MappingRepository mappings) {
        this.ingestions = ingestions;
        this.mappings = mappings;
    }

    @Override
    public Class<ObjectCreated> eventType() {
        return ObjectCreated.class;
    }

    @Override
    public void handle(ObjectCreated event) {
        String key = event.key();
        if (!key.startsWith(LANDING) || key.endsWith("/")) {
            return;
        }
        String rest = key.substring(LANDING.length());
        int slash = rest.indexOf('/');
        if (slash <= 0) {
            log.warn("landing object {} is not under landing/<mapping>/: ignored", key);
            return;
        }
        String mapping = rest.substring(0, slash);
        if (!mappings.contains(mapping)) {
            log.warn("landing object {} names no known mapping '{}': ignored", key, mapping);
            return;
        }
        ingestions.submitLanding(mapping, key)
                .ifPresent(run -> log.info("landing {} started run {}", key, run.id()));
    }
}

package io.launchcast.forecast.serving;

import io.launchcast.forecast.registry.ModelRegistry;
import io.launchcast.forecast.registry.ModelVersion;
import io.launchcast.platform.events.EventHandler;
import io.launchcast.platform.events.ModelApprovalChanged;
import io.launchcast.platform.models.ModelVersionId;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * Keeps the champion in step with the registry and the data: at start-up, whenever an approval or rejection
 * (rollback included) is announced, and when a newer dataset version of the champion's dataset is published
 * ({@link KnowledgeRefresh}), it loads the registry's champion on the data {@link ServingModelLoader#knowledge} names
 * and swaps it in. A newer version whose features are defined otherwise than the model's (a new attribute, say) is
 * not served from: the model keeps the data it was trained on until a version trained on the new data is approved.
 */
public class ChampionLoader implements EventHandler<ModelApprovalChanged> {

    private static final Logger log = LoggerFactory.getLogger(ChampionLoader.class);

    private final ModelRegistry registry;
    private final ChampionModel champion;
    private final ObjectProvider<ServingModelLoader> loader;
    /** Model and dataset versions found skewed: a periodic check does not load them again to find out. */
    private final Set<List<String>> skewed = new HashSet<>();

    private final Supplier<HeapRoom> heap;
    /** What building the serving model took, measured (0: not known, e.g. a model swapped in directly). */
    private long lastBuildNeed;
    /** Model and dataset versions declined for want of heap: said once at WARN, each further check at DEBUG. */
    private final Set<List<String>> declinedForHeap = new HashSet<>();

    public ChampionLoader(ModelRegistry registry, ChampionModel champion, ObjectProvider<ServingModelLoader> loader) {
        this(registry, champion, loader, HeapRoom::now);
    }

    /** @param heap the heap's figures, read before the same model is loaded on newer data */
    public ChampionLoader(ModelRegistry registry, ChampionModel champion, ObjectProvider<ServingModelLoader> loader,
            Supplier<HeapRoom> heap) {
        this.registry = registry;
        this.champion = champion;
        this.loader = loader;
        this.heap = heap;
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

    /**
     * Loads the registry's champion unless it is serving already on the data it should forecast from; returns the
     * version serving afterwards.
     */
    public synchronized Optional<String> refresh() {
        Optional<ModelVersion> wanted = registry.champion(champion.group());
        if (wanted.isEmpty()) {
            log.info("model group {} has no approved version yet", champion.group());
            return champion.loaded().map(ServingModel::version);
        }
        ModelVersion version = wanted.get();
        String id = version.id().toString();
        ServingModelLoader modelLoader = loader.getIfAvailable();
        if (modelLoader == null) {
            log.warn("no model loader is configured; champion {} cannot be served", id);
            return champion.loaded().map(ServingModel::version);
        }
        Knowledge trained = Knowledge.trainedOn(version);
        Knowledge knowledge = modelLoader.knowledge(version);
        Optional<ServingModel> current = champion.loaded().filter(m -> m.version().equals(id));
        if (skewed.contains(List.of(id, knowledge.version()))) {
            if (current.isPresent()) {
                return Optional.of(id);
            }
            knowledge = trained;
        }
        if (current.isPresent() && knowledge.equals(current.get().knowledge())) {
            return Optional.of(id);
        }
        if (current.isPresent()) {
            // the same model on newer data: it is built beside the serving one, which must keep answering
            HeapRoom room = heap.get();
            if (!room.holdsASecondModel(lastBuildNeed)) {
                Level level = declinedForHeap.add(List.of(id, knowledge.version())) ? Level.WARN : Level.DEBUG;
                log.atLevel(level).log("{} keeps forecasting from the data it has: the heap ({}) cannot hold a second"
                        + " model while this one serves (building it took {} MiB); {} {} is read when it can (give"
                        + " forecast-service more heap, or set launchcast.serving.knowledge: TRAINED)", id, room,
                        lastBuildNeed >> 20, knowledge.dataset(), knowledge.version());
                return Optional.of(id);
            }
        }
        long t0 = System.nanoTime();
        // read (and its hash checked) before anything is let go: a corrupt artifact leaves the serving model serving
        byte[] artifact = registry.artifact(version.group(), version.version());
        Optional<Released> released = current.isPresent() ? Optional.empty() : makeRoomFor(id);
        long usedAtStart = HeapRoom.buildStarted();
        Optional<ServingModel> built;
        try {
            built = build(version, knowledge, artifact, modelLoader, current.isPresent());
        } catch (RuntimeException e) {
            released.ifPresent(r -> restore(r, id, modelLoader, e));
            throw e;
        }
        if (built.isEmpty()) {
            return Optional.of(id);
        }
        // after a release the heap in use at the start still held the model let go, collected during the build: the
        // figure then reads low, and only a larger one replaces the measure of a build beside a serving model
        long need = HeapRoom.builtSince(usedAtStart);
        lastBuildNeed = released.isPresent() ? Math.max(lastBuildNeed, need) : need;
        ServingModel model = built.get();
        Optional<ServingModel> previous = champion.swap(model);
        log.info("now serving {} (was {}), loaded in {} ms", describe(model),
                previous.map(ChampionLoader::describe).or(() -> released.map(Released::description)).orElse("none"),
                (System.nanoTime() - t0) / 1_000_000);
        return Optional.of(id);
    }

    /**
     * Builds {@code version} on {@code knowledge}, or, when that data cannot be read, on the data it was trained on;
     * empty when the model serving already is to keep its data (newer data whose features are defined otherwise).
     */
    private Optional<ServingModel> build(ModelVersion version, Knowledge knowledge, byte[] artifact,
            ServingModelLoader modelLoader, boolean serving) {
        String id = version.id().toString();
        try {
            return Optional.of(modelLoader.load(version, knowledge, artifact));
        } catch (RuntimeException e) {
            if (knowledge.trained()) {
                throw e;
            }
            boolean skew = e instanceof ServingModelLoader.SkewedFeaturesException;
            if (skew) {
                skewed.add(List.of(id, knowledge.version()));
                log.warn("{}; {} keeps forecasting from the data it has until a version trained on the new data is"
                        + " approved", e.getMessage(), id);
            }
            if (serving) {
                if (skew) {
                    return Optional.empty();
                }
                // the next publication or check tries again; meanwhile the model serves on the data it has
                throw e;
            }
            if (!skew) {
                log.error("could not load {} {} for {}; serving it on the data it was trained on", knowledge.dataset(),
                        knowledge.version(), id, e);
            }
            return Optional.of(modelLoader.load(version, Knowledge.trainedOn(version), artifact));
        }
    }

    /** A model let go to make room for another: what is needed to load it again. */
    private record Released(ModelVersionId id, Knowledge knowledge, String description) {
    }

    /**
     * Lets go of the model serving when the heap cannot build {@code replacement} beside it: building the newly
     * approved model beside a large one (a million launches of history each) drove the heap into back-to-back full
     * collections. Forecasts are then answered 503 with Retry-After until the replacement is loaded; otherwise the
     * serving one keeps answering while it is built.
     */
    private Optional<Released> makeRoomFor(String replacement) {
        Optional<ServingModel> serving = champion.loaded();
        if (serving.isEmpty()) {
            return Optional.empty();
        }
        HeapRoom room = heap.get();
        if (room.holdsASecondModel(lastBuildNeed)) {
            return Optional.empty();
        }
        Released released = new Released(ModelVersionId.parse(serving.get().version()).orElse(null),
                serving.get().knowledge(), describe(serving.get()));
        log.warn("the heap ({}) cannot hold {} beside {} (building that took {} MiB): {} is let go first, forecasts are"
                + " answered 503 until {} is loaded (give forecast-service more heap to keep serving meanwhile)",
                room, replacement, released.description(), lastBuildNeed >> 20, released.description(), replacement);
        champion.release(replacement);
        return Optional.of(released);
    }

    /**
     * Loads the model let go for {@code failed} again, which the heap held before, so that a replacement that cannot
     * be built (its data gone, say) leaves the service as it was, not without a model.
     */
    private void restore(Released released, String failed, ServingModelLoader modelLoader, RuntimeException cause) {
        try {
            if (released.id() == null) {
                throw new IllegalStateException("its version is not a registry id");
            }
            ModelVersion version = registry.version(released.id().group(), released.id().version());
            Knowledge knowledge = released.knowledge() == null ? Knowledge.trainedOn(version) : released.knowledge();
            champion.swap(modelLoader.load(version, knowledge, registry.artifact(version.group(), version.version())));
            log.error("could not load {}; serving {} again", failed, released.description(), cause);
        } catch (RuntimeException e) {
            champion.loadFailed();
            cause.addSuppressed(e);
            log.error("could not load {}, nor {} again: no model serves until one loads", failed,
                    released.description(), cause);
        }
    }

    private static String describe(ServingModel model) {
        Knowledge knowledge = model.knowledge();
        return model.version() + (knowledge == null ? "" : " on " + knowledge.dataset() + " " + knowledge.version());
    }
}

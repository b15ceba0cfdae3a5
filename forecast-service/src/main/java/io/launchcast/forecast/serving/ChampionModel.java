package io.launchcast.forecast.serving;

import io.launchcast.forecast.registry.NoApprovedModelException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The model serving answers with. Swapping is one atomic reference write: a request that already holds the
 * previous model finishes with it, the next one gets the new model, none fails.
 */
public class ChampionModel {

    private final String group;
    private final AtomicReference<ServingModel> current = new AtomicReference<>();
    /** The version being loaded after the serving one was let go to make room for it, if any. */
    private final AtomicReference<String> loading = new AtomicReference<>();

    public ChampionModel(String group) {
        this.group = group;
    }

    /**
     * The serving model.
     *
     * @throws ChampionLoadingException while a newly approved model is loaded in place of the one let go
     * @throws NoApprovedModelException when none is loaded yet
     */
    public ServingModel get() {
        ServingModel model = current.get();
        if (model == null) {
            String replacement = loading.get();
            if (replacement != null) {
                throw new ChampionLoadingException(group, replacement);
            }
            throw new NoApprovedModelException(group, "no approved model of '" + group + "' is loaded yet");
        }
        return model;
    }

    public Optional<ServingModel> loaded() {
        return Optional.ofNullable(current.get());
    }

    /** Makes {@code model} the one serving; returns the one it replaced, if any. */
    public Optional<ServingModel> swap(ServingModel model) {
        ServingModel previous = current.getAndSet(model);
        loading.set(null);
        return Optional.ofNullable(previous);
    }

    /**
     * Lets go of the serving model so that {@code replacement}, which the heap cannot build beside it, can be
     * loaded; until {@link #swap} or {@link #loadFailed}, requests are told it is loading.
     */
    public void release(String replacement) {
        loading.set(replacement);
        current.set(null);
    }

    /** Loading the replacement failed and nothing serves: requests are told there is no model again. */
    public void loadFailed() {
        loading.set(null);
    }

    public String group() {
        return group;
    }
}

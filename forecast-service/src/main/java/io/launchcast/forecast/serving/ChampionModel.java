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

    public ChampionModel(String group) {
        this.group = group;
    }

    /** The serving model. @throws NoApprovedModelException when none is loaded yet */
    public ServingModel get() {
        ServingModel model = current.get();
        if (model == null) {
            throw new NoApprovedModelException(group, "no approved model of '" + group + "' is loaded yet");
        }
        return model;
    }

    public Optional<ServingModel> loaded() {
        return Optional.ofNullable(current.get());
    }

    /** Makes {@code model} the one serving; returns the one it replaced, if any. */
    public Optional<ServingModel> swap(ServingModel model) {
        return Optional.ofNullable(current.getAndSet(model));
    }

    public String group() {
        return group;
    }
}

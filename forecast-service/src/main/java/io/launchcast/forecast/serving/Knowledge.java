package io.launchcast.forecast.serving;

import io.launchcast.forecast.registry.DatasetLineage;
import io.launchcast.forecast.registry.ModelVersion;

/**
 * The curated dataset version a forecast was worked out from: the past launches its analogs, cohorts and recent
 * levels come from, and the signals. With the model version it makes a forecast reproducible.
 *
 * @param dataset the dataset's name
 * @param version its version id
 * @param trained whether it is the version the model was trained on ({@code false}: a newer one, see
 *        {@link ServingProperties#knowledge()})
 */
public record Knowledge(String dataset, String version, boolean trained) {

    /** The dataset version {@code model}'s lineage names, the one it was trained on. */
    public static Knowledge trainedOn(ModelVersion model) {
        DatasetLineage dataset = model.lineage().datasets().get(0);
        return new Knowledge(dataset.dataset(), dataset.version(), true);
    }
}

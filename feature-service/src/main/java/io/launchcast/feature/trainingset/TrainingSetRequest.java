package io.launchcast.feature.trainingset;

import io.launchcast.features.compute.FeatureDefinitions;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What to put in a training set: explicit entities, a selector of launches, or every launch of one dataset
 * version; optionally the feature definitions the values must have been computed with (default: any), and the
 * time the data must have been known by (default: now), which excludes later writes and backfills.
 *
 * @param definitions for {@code launchesOf}: the definitions a model trains with; the version's features are
 *        computed under them first if the store does not hold them yet
 */
public record TrainingSetRequest(List<@Valid EntityRequest> entities, @Valid LaunchSelector selector,
        @Valid LaunchesOf launchesOf, FeatureDefinitions definitions, Instant knownAt) {

    /** Explicit entities or a selector, as before dataset versions could be named. */
    public TrainingSetRequest(List<EntityRequest> entities, LaunchSelector selector, Instant knownAt) {
        this(entities, selector, null, null, knownAt);
    }

    @AssertTrue(message = "give exactly one of entities, selector and launchesOf")
    public boolean isOneWayToChooseEntities() {
        int ways = (entities != null && !entities.isEmpty() ? 1 : 0) + (selector != null ? 1 : 0)
                + (launchesOf != null ? 1 : 0);
        return ways == 1;
    }

    /** Every launch of a published dataset version, each as of its launch date. */
    public record LaunchesOf(@NotBlank String dataset, @NotBlank String version) {
    }

    /** One product and the instant its features must describe (usually its launch). */
    public record EntityRequest(@NotBlank String productId, @NotNull Instant asOf) {
    }

    /** Every product launched in {@code [launchedFrom, launchedTo]}, each as of its launch. */
    public record LaunchSelector(@NotNull LocalDate launchedFrom, @NotNull LocalDate launchedTo) {

        @AssertTrue(message = "launchedFrom must not be after launchedTo")
        public boolean isOrdered() {
            return launchedFrom == null || launchedTo == null || !launchedFrom.isAfter(launchedTo);
        }
    }
}

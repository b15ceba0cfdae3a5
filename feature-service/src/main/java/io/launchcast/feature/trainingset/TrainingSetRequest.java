package io.launchcast.feature.trainingset;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What to put in a training set: either explicit entities or a selector of launches, and optionally the time
 * the data must have been known by (default: now), which excludes later writes and backfills.
 */
public record TrainingSetRequest(List<@Valid EntityRequest> entities, @Valid LaunchSelector selector, Instant knownAt) {

    @AssertTrue(message = "give either entities or a selector, not both and not neither")
    public boolean isEntitiesXorSelector() {
        return (entities != null && !entities.isEmpty()) != (selector != null);
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

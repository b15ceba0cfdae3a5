package io.launchcast.monitor.quality;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;

/**
 * Actuals sent by a caller ({@code POST /actuals}).
 *
 * @param group model group (default: the first monitored model)
 * @param actuals the rows
 */
public record ActualsRequest(@Size(max = 200) String group, @NotEmpty @Size(max = 100_000) List<@Valid @NotNull Row> actuals) {

    /**
     * Units sold in one period of one forecast product: named by the captured inference ({@code inferenceId}, plus
     * {@code productId}/{@code region} when the inference forecast several), or by {@code productId} and
     * {@code region} (the latest captured forecast of each model version); the period by its start date or its
     * number since launch (1 = launch period).
     */
    public record Row(@Size(max = 200) String inferenceId, @Size(max = 200) String productId,
            @Size(max = 200) String region, LocalDate periodStart, @Min(1) Integer period,
            @NotNull @PositiveOrZero Double units) {

        @AssertTrue(message = "name the forecast by inferenceId or productId")
        public boolean isNamed() {
            return inferenceId != null || productId != null;
        }

        @AssertTrue(message = "name the period by periodStart or period")
        public boolean isPeriodNamed() {
            return periodStart != null || period != null;
        }
    }
}

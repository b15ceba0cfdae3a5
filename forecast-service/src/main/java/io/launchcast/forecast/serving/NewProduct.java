package io.launchcast.forecast.serving;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A product to forecast.
 *
 * @param productId the caller's id, echoed in the answer; required, since an invented id could not be joined back to
 *                  the caller's product
 * @param attributes attribute values by name, e.g. {@code {"category": "culottes", "color": "blue"}}
 * @param launchDate first day on sale
 * @param regions the regions it launches in: each takes its share of launch sales over the share a launch's regions
 *                typically cover (ServingModel#regionShares, #typicalFootprint); none: the total of a typical launch.
 *                A model that reads a footprint attribute (a store count) takes their count as it, unless the
 *                attributes give it, and they share its total by their shares; a launch in more stores than a
 *                request may name gives the count as the attribute instead; a request holds at most
 *                {@link ForecastService#MAX_FORECASTS} regional forecasts in all
 * @param price launch price, if the model uses it
 */
public record NewProduct(@NotBlank @Size(max = 200) String productId, @NotNull Map<String, String> attributes,
        @NotNull LocalDate launchDate, List<String> regions, @PositiveOrZero Double price) {
}

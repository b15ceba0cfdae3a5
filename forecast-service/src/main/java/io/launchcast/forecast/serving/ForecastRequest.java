package io.launchcast.forecast.serving;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * One or many new products to forecast.
 *
 * @param horizon periods to forecast (default and maximum: the model's horizon)
 * @param quantiles quantile levels to return (default: all the model is calibrated for)
 */
public record ForecastRequest(@NotEmpty @Size(max = 1000) List<@Valid NewProduct> products,
        @Min(1) @Max(520) Integer horizon, List<Double> quantiles) {
}

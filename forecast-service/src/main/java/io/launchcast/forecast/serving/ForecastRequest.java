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
 * @param quantiles quantile levels to return (default: the configured ones); any level between the lowest and
 *        highest calibrated one (the configured levels and the tails 0.05 and 0.95) is answered
 * @param explain whether to explain each forecast (default true); without, a forecast costs about a fifth less
 */
public record ForecastRequest(@NotEmpty @Size(max = 1000) List<@Valid NewProduct> products,
        @Min(1) @Max(520) Integer horizon, List<Double> quantiles, Boolean explain) {

    public ForecastRequest(List<NewProduct> products, Integer horizon, List<Double> quantiles) {
        this(products, horizon, quantiles, null);
    }

    /** Whether the answers carry explanations. */
    public boolean explains() {
        return explain == null || explain;
    }
}

package io.launchcast.forecast.serving;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /forecasts}: forecasts for one or many new products, with the model version and explanation. */
@RestController
class ForecastController {

    private final ForecastService forecasts;
    private final CaptureSink capture;

    ForecastController(ForecastService forecasts, CaptureSink capture) {
        this.forecasts = forecasts;
        this.capture = capture;
    }

    @Operation(summary = "Forecast new products",
            description = "Mean and quantiles per period after launch for each product (and region), the model "
                    + "version that answered, the analog launches and the features that drove each forecast. "
                    + "Attribute names must be the model's; an unseen attribute value is accepted and flagged.")
    @PostMapping("/forecasts")
    ForecastAnswer forecast(@Valid @RequestBody ForecastRequest request) {
        List<Forecast> answer = forecasts.forecast(request);
        capture.capture("forecasts", request, answer);
        return new ForecastAnswer(answer);
    }

    /** The forecasts, in request order (one per product and region). */
    record ForecastAnswer(List<Forecast> forecasts) {
    }
}

package io.launchcast.forecast.serving;

import io.launchcast.forecast.capture.CaptureSink;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
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
                    + "Attribute names must be the model's; an unseen attribute value is accepted and flagged. "
                    + "The model forecasts a product's total over all regions; the regions a product launches in "
                    + "(\"regions\", those of the model's data) split it in proportion to their shares of launch "
                    + "sales, so their forecasts add up to the total.")
    @PostMapping("/forecasts")
    ForecastAnswer forecast(@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
            mediaType = "application/json", examples = @ExampleObject(name = "two new products", value = EXAMPLE)))
            @Valid @RequestBody ForecastRequest request) {
        List<Forecast> answer = forecasts.forecast(request);
        capture.capture("forecasts", request, answer);
        return new ForecastAnswer(answer);
    }

    static final String EXAMPLE = """
            {"products": [
              {"productId": "SS27-0042", "launchDate": "2027-03-01", "price": 39.9,
               "attributes": {"category": "culottes", "color": "blue", "fabric": "linen", "extra": "hem", "season": "SS27"}},
              {"productId": "SS27-0043", "launchDate": "2027-03-15", "regions": ["all"],
               "attributes": {"category": "long dress", "color": "white", "fabric": "cotton"}}],
             "horizon": 12, "quantiles": [0.1, 0.5, 0.9]}""";

    /** The forecasts, in request order (one per product and region). */
    record ForecastAnswer(List<Forecast> forecasts) {
    }
}

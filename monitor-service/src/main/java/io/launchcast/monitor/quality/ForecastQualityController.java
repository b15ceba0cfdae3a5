package io.launchcast.monitor.quality;

import io.launchcast.platform.problem.ProblemTypes;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /actuals} (evaluate captured forecasts) and {@code GET /forecast-quality} (the figures). */
@RestController
class ForecastQualityController {

    static final URI UNMATCHED_ACTUALS = URI.create(ProblemTypes.BASE + "unmatched-actuals");
    static final URI UNKNOWN_MODEL = URI.create(ProblemTypes.BASE + "unknown-model");

    private final ForecastQuality quality;

    ForecastQualityController(ForecastQuality quality) {
        this.quality = quality;
    }

    @PostMapping("/actuals")
    ActualsReceipt record(@Valid @RequestBody ActualsRequest request) {
        return quality.record(request);
    }

    @GetMapping("/forecast-quality")
    ForecastQualityReport report(@RequestParam(required = false) String group,
            @RequestParam(required = false) String modelVersion, @RequestParam(required = false) String cohort) {
        String g = group != null ? group : quality.groups().stream().findFirst()
                .orElseThrow(() -> new UnknownGroupException("(none configured)"));
        return quality.report(g, modelVersion, cohort);
    }

    @ExceptionHandler(UnmatchedActualsException.class)
    ProblemDetail unmatched(UnmatchedActualsException e) {
        ProblemDetail problem = ProblemTypes.problem(UNMATCHED_ACTUALS, HttpStatus.NOT_FOUND,
                "Actuals match no captured forecast", e.getMessage() + "; nothing was kept");
        problem.setProperty("unmatched", e.rows());
        return problem;
    }

    @ExceptionHandler(UnknownGroupException.class)
    ProblemDetail unknownGroup(UnknownGroupException e) {
        return ProblemTypes.problem(UNKNOWN_MODEL, HttpStatus.NOT_FOUND, "Model not monitored", e.getMessage());
    }
}

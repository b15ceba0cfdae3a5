package io.launchcast.monitor.retraining;

import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * Starts the training pipeline over forecast-service's HTTP API ({@code POST /pipeline-runs}) as the {@code data}
 * role. How the call is authenticated is the client's business ({@link RetrainingConfiguration}): a
 * client-credentials token in aws mode, the suite's generated token in local mode.
 */
class HttpRetrainingTrigger implements RetrainingTrigger {

    private final RestClient forecastService;

    /** @param forecastService a client of forecast-service's base URL that authenticates its requests */
    HttpRetrainingTrigger(RestClient forecastService) {
        this.forecastService = forecastService;
    }

    @Override
    public String start(String reason) {
        var response = forecastService.post().uri("/pipeline-runs").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("parameters", Map.of("trigger", reason))).retrieve().toBodilessEntity();
        return String.valueOf(response.getHeaders().getLocation());
    }
}

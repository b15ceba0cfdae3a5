package io.launchcast.monitor.dashboard;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The ops dashboard ({@code /dashboard}).
 *
 * @param services the services whose serving latency, error rate and capture counters it shows, read from their
 *                 Prometheus endpoints
 * @param latestRuns completed monitoring runs per model group whose drift it shows
 * @param captureHours hours of capture volume it shows, back from now
 * @param scrapeTimeout how long it waits for a service's metrics (a service that is down must not hang the page)
 */
@Validated
@ConfigurationProperties("launchcast.monitor.dashboard")
public record DashboardProperties(@DefaultValue List<@Valid Service> services,
        @DefaultValue("5") @Min(1) @Max(50) int latestRuns, @DefaultValue("24") @Min(1) @Max(24 * 31) int captureHours,
        @DefaultValue("2s") Duration scrapeTimeout) {

    /**
     * A service to read metrics from.
     *
     * @param name shown on the page
     * @param metricsUrl its {@code /actuator/prometheus}
     * @param token bearer token of an operations caller; empty: local mode's generated one
     */
    public record Service(@NotBlank String name, @NotNull URI metricsUrl, @DefaultValue("") String token) {
    }
}

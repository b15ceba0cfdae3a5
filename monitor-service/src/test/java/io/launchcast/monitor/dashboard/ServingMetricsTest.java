package io.launchcast.monitor.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ServingMetricsTest {

    @Test
    void sumsRequestsErrorsAndLatencyPerUriLeavingTheHealthProbesOut() {
        ServingMetrics.ServiceFigures figures = ServingMetrics.parse("forecast-service", """
                # HELP http_server_requests_seconds
                http_server_requests_seconds_count{exception="none",method="POST",outcome="SUCCESS",status="200",uri="/forecasts"} 90
                http_server_requests_seconds_sum{exception="none",method="POST",outcome="SUCCESS",status="200",uri="/forecasts"} 4.5
                http_server_requests_seconds_count{exception="x \\"quoted\\" y",method="POST",outcome="SERVER_ERROR",status="503",uri="/forecasts"} 10
                http_server_requests_seconds_sum{exception="x \\"quoted\\" y",method="POST",outcome="SERVER_ERROR",status="503",uri="/forecasts"} 0.5
                http_server_requests_seconds_max{exception="none",method="POST",outcome="SUCCESS",status="200",uri="/forecasts"} 0.25
                http_server_requests_seconds_count{method="GET",outcome="SUCCESS",status="200",uri="/actuator/prometheus"} 7
                http_server_requests_seconds_count{method="GET",outcome="SERVER_ERROR",status="503",uri="/ping"} 1
                http_server_requests_seconds_count{method="GET",outcome="SUCCESS",status="200",uri="/ping"} 1
                launchcast_capture_records_total{outcome="written"} 100.0
                jvm_threads_live_threads 40.0
                """);

        assertThat(figures.error()).isNull();
        assertThat(figures.endpoints()).hasSize(1);
        ServingMetrics.Endpoint forecasts = figures.endpoints().get(0);
        assertThat(forecasts.uri()).isEqualTo("/forecasts");
        assertThat(forecasts.requests()).isEqualTo(100);
        assertThat(forecasts.serverErrors()).isEqualTo(10);
        assertThat(forecasts.errorRate()).isCloseTo(0.1, within(1e-12));
        assertThat(forecasts.meanLatencyMs()).isCloseTo(50.0, within(1e-9));
        assertThat(forecasts.maxLatencyMs()).isCloseTo(250.0, within(1e-9));
        assertThat(figures.captureRecords()).containsEntry("written", 100.0);
    }

    @Test
    void aMaximumOfZeroAfterRequestsIsNoRecentRequestNotAZeroLatency() {
        // Micrometer's max is that of its last window (2 minutes by default) and reads 0 once the window is quiet
        ServingMetrics.ServiceFigures figures = ServingMetrics.parse("forecast-service", """
                http_server_requests_seconds_count{method="POST",outcome="SUCCESS",status="200",uri="/forecasts"} 1
                http_server_requests_seconds_sum{method="POST",outcome="SUCCESS",status="200",uri="/forecasts"} 0.16
                http_server_requests_seconds_max{method="POST",outcome="SUCCESS",status="200",uri="/forecasts"} 0.0
                """);

        assertThat(figures.endpoints().get(0).meanLatencyMs()).isCloseTo(160.0, within(1e-9));
        assertThat(figures.endpoints().get(0).maxLatencyMs()).isNull();
    }
}

package io.launchcast.monitor.dashboard;

import io.launchcast.platform.security.ServiceTokens;
import io.launchcast.platform.security.SecurityProperties;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Reads the services' serving figures from their Prometheus endpoints (Micrometer's
 * {@code http_server_requests_seconds} timer and forecast-service's capture counters): requests, server errors
 * and mean latency per URI since the service started, and the max latency of the timer's last window (Micrometer's
 * distribution expiry, 2 minutes by default: none when that window saw no request). Health probes are left out:
 * the actuator's URIs (the monitor's own traffic) and {@code /ping}, SageMaker's probe of the inference container,
 * which answers 503 until a model is loaded by contract, so every start of a service counted as server errors.
 */
@Component
class ServingMetrics {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** One URI of one service. */
    record Endpoint(String uri, long requests, long serverErrors, Double errorRate, Double meanLatencyMs,
            Double maxLatencyMs) {
    }

    /** What one service's metrics said, or why they could not be read. */
    record ServiceFigures(String service, String error, List<Endpoint> endpoints, Map<String, Double> captureRecords) {
    }

    private final DashboardProperties properties;
    private final SecurityProperties security;
    private final HttpClient client;

    ServingMetrics(DashboardProperties properties, SecurityProperties security) {
        this.properties = properties;
        this.security = security;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.scrapeTimeout()).build();
    }

    List<ServiceFigures> read() {
        List<ServiceFigures> figures = new ArrayList<>();
        for (DashboardProperties.Service service : properties.services()) {
            try {
                figures.add(parse(service.name(), scrape(service.metricsUrl(),
                        ServiceTokens.token(security, "operations", service.token()))));
            } catch (IOException | RuntimeException e) {
                figures.add(new ServiceFigures(service.name(), "metrics not readable: " + e.getMessage(), List.of(),
                        Map.of()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                figures.add(new ServiceFigures(service.name(), "interrupted", List.of(), Map.of()));
            }
        }
        return figures;
    }

    private String scrape(URI url, String token) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(properties.scrapeTimeout())
                .header("Authorization", "Bearer " + token).header("Accept", "text/plain").GET().build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode() + " from " + url);
        }
        return response.body();
    }

    private static boolean isProbe(String uri) {
        return uri.startsWith("/actuator") || uri.equals("/ping");
    }

    /** The figures in a Prometheus text exposition. */
    static ServiceFigures parse(String service, String text) {
        Map<String, double[]> byUri = new TreeMap<>(); // count, sum, errors, max
        Map<String, Double> capture = new TreeMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            if (!m.find()) {
                continue;
            }
            String name = m.group(1);
            Map<String, String> labels = new HashMap<>();
            if (m.group(2) != null) {
                Matcher l = LABEL.matcher(m.group(2));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
            }
            double value;
            try {
                value = Double.parseDouble(m.group(3));
            } catch (NumberFormatException e) {
                continue;
            }
            if (name.startsWith("launchcast_capture_records")) {
                capture.merge(labels.getOrDefault("outcome", "all"), value, Double::sum);
                continue;
            }
            String uri = labels.get("uri");
            if (uri == null || isProbe(uri) || !name.startsWith("http_server_requests_seconds")) {
                continue;
            }
            double[] f = byUri.computeIfAbsent(uri, u -> new double[4]);
            boolean serverError = "SERVER_ERROR".equals(labels.get("outcome"))
                    || labels.getOrDefault("status", "").startsWith("5");
            switch (name) {
                case "http_server_requests_seconds_count" -> {
                    f[0] += value;
                    f[2] += serverError ? value : 0;
                }
                case "http_server_requests_seconds_sum" -> f[1] += value;
                case "http_server_requests_seconds_max" -> f[3] = Math.max(f[3], value);
                default -> { }
            }
        }
        List<Endpoint> endpoints = new ArrayList<>();
        byUri.forEach((uri, f) -> endpoints.add(new Endpoint(uri, (long) f[0], (long) f[2],
                f[0] > 0 ? f[2] / f[0] : null, f[0] > 0 ? 1000 * f[1] / f[0] : null,
                f[3] > 0 ? 1000 * f[3] : null))); // a quiet window's max reads 0: no request, not no latency
        return new ServiceFigures(service, null, endpoints, capture);
    }
}

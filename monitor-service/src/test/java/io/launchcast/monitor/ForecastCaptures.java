package io.launchcast.monitor;

import io.launchcast.platform.objectstore.ObjectStore;
import io.launchcast.platform.testing.StagingDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/**
 * Test kit for forecast quality: captured forecasts written as forecast-service writes them (a {@code /forecasts}
 * request and its answer per line, SageMaker's data-capture JSON Lines), and curated dataset versions with their
 * sales written as ingestion publishes them (Parquet, manifest last).
 */
public final class ForecastCaptures {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DateTimeFormatter HOUR_PATH = DateTimeFormatter.ofPattern("yyyy/MM/dd/HH").withZone(ZoneOffset.UTC);

    /** A forecast to capture: weekly periods from the launch, quantiles at mean × (1 ∓ spread). */
    public record Forecast(String inferenceId, Instant at, String productId, String region, String modelVersion,
            LocalDate launchDate, Map<String, String> attributes, double price, double[] means, double spread) {
    }

    /** A sales row of a curated dataset. */
    public record Sale(String productId, String region, LocalDate periodStart, long units) {
    }

    private ForecastCaptures() {
    }

    /** One captured line of a {@code /forecasts} call for one product. */
    public static String line(Forecast f) {
        Map<String, Object> product = new LinkedHashMap<>();
        product.put("productId", f.productId());
        product.put("launchDate", f.launchDate().toString());
        product.put("price", f.price());
        if (f.region() != null) {
            product.put("regions", List.of(f.region()));
        }
        product.put("attributes", f.attributes());
        List<Map<String, Object>> periods = new ArrayList<>();
        for (int i = 0; i < f.means().length; i++) {
            double m = f.means()[i];
            periods.add(Map.of("period", i + 1, "periodStart", f.launchDate().plusWeeks(i).toString(), "mean", m,
                    "quantiles", Map.of("p10", m * (1 - f.spread()), "p50", m, "p90", m * (1 + f.spread()))));
        }
        Map<String, Object> forecast = new LinkedHashMap<>();
        forecast.put("productId", f.productId());
        forecast.put("region", f.region());
        forecast.put("modelVersion", f.modelVersion());
        forecast.put("launchDate", f.launchDate().toString());
        forecast.put("periods", periods);
        forecast.put("explanation", Map.of("analogs", List.of(), "drivers", List.of()));
        forecast.put("warnings", List.of());
        String input = JSON.writeValueAsString(Map.of("products", List.of(product), "horizon", f.means().length));
        String output = JSON.writeValueAsString(List.of(forecast));
        return JSON.writeValueAsString(Map.of(
                "captureData", Map.of(
                        "endpointInput", Map.of("observedContentType", "application/json", "mode", "INPUT",
                                "data", input, "encoding", "JSON"),
                        "endpointOutput", Map.of("observedContentType", "application/json", "mode", "OUTPUT",
                                "data", output, "encoding", "JSON")),
                "eventMetadata", Map.of("eventId", UUID.randomUUID().toString(), "inferenceId", f.inferenceId(),
                        "inferenceTime", f.at().toString(), "channel", "forecasts"),
                "eventVersion", "0"));
    }

    /** Writes the forecasts as one capture object of {@code endpoint}, in the hour of the first. */
    public static void capture(ObjectStore store, String endpoint, List<Forecast> forecasts) {
        StringBuilder lines = new StringBuilder();
        forecasts.forEach(f -> lines.append(line(f)).append('\n'));
        store.put("capture/" + endpoint + "/AllTraffic/" + HOUR_PATH.format(forecasts.get(0).at()) + "/"
                + forecasts.get(0).at().toEpochMilli() + "-" + UUID.randomUUID() + ".jsonl",
                lines.toString().getBytes(StandardCharsets.UTF_8), "application/jsonlines");
    }

    /** Publishes a curated dataset version holding {@code sales} (and a product row per product sold). */
    public static void publish(ObjectStore store, String dataset, String version, List<Sale> sales,
            Map<String, String> categories) {
        try (StagingDirectory staging = new StagingDirectory("curated-");
                Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = duck.createStatement()) {
            Path dir = staging.path();
            sql.execute("CREATE TABLE sales (product_id VARCHAR, region VARCHAR, period_start DATE, units BIGINT)");
            sql.execute("CREATE TABLE products (product_id VARCHAR, launch_date DATE, region VARCHAR, price DOUBLE,"
                    + " split VARCHAR, attr_category VARCHAR)");
            Map<String, LocalDate> launches = new LinkedHashMap<>();
            for (Sale s : sales) {
                sql.execute("INSERT INTO sales VALUES ('" + s.productId() + "', '" + s.region() + "', DATE '"
                        + s.periodStart() + "', " + s.units() + ")");
                launches.merge(s.productId(), s.periodStart(), (a, b) -> a.isBefore(b) ? a : b);
            }
            for (Map.Entry<String, LocalDate> p : launches.entrySet()) {
                String category = categories.get(p.getKey());
                sql.execute("INSERT INTO products VALUES ('" + p.getKey() + "', DATE '" + p.getValue() + "', 'all', 30.0,"
                        + " 'train', " + (category == null ? "NULL" : "'" + category + "'") + ")");
            }
            for (String table : new String[] {"products", "sales"}) {
                Files.createDirectories(dir.resolve(table));
                sql.execute("COPY " + table + " TO '" + dir.resolve(table).resolve("part-0.parquet") + "' (FORMAT PARQUET)");
            }
            String prefix = "curated/" + dataset + "/v=" + version + "/";
            for (String table : new String[] {"products", "sales"}) {
                store.put(prefix + table + "/part-0.parquet", dir.resolve(table).resolve("part-0.parquet"),
                        "application/vnd.apache.parquet");
            }
            String manifest = "{\"dataset\":\"" + dataset + "\",\"version\":\"" + version + "\",\"period\":\"week\","
                    + "\"periodAnchor\":\"launch\",\"attributes\":[{\"name\":\"category\",\"type\":\"string\"}]}";
            store.put(prefix + "_manifest.json", manifest.getBytes(StandardCharsets.UTF_8), "application/json");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.launchcast.monitor.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.launchcast.localcloud.LocalCloudExtension;
import io.launchcast.monitor.ForecastCaptures;
import io.launchcast.monitor.ForecastCaptures.Forecast;
import io.launchcast.monitor.ForecastCaptures.Sale;
import io.launchcast.monitor.LaunchStreams;
import io.launchcast.monitor.LaunchStreams.Shift;
import io.launchcast.monitor.quality.ForecastQuality;
import io.launchcast.platform.objectstore.ObjectStore;
import io.launchcast.platform.testing.TestTokens;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ops dashboard in a real browser (Debian's headless Chromium driven by Selenium): alarms with their history,
 * drift per feature of the latest runs, forecast quality over time per model version and cohort, capture volume,
 * and serving figures read from a stand-in forecast-service's Prometheus endpoint. Leaves a screenshot at
 * {@code target/dashboard.png}. Skipped where Chromium or its driver is not installed.
 */
@ExtendWith(LocalCloudExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {"launchcast.monitor.models[0].group=launch-demand",
        "launchcast.monitor.models[0].endpoint=dashboard-endpoint", "launchcast.monitor.models[0].cron=-",
        "launchcast.monitor.models[1].group=quiet-shop", "launchcast.monitor.models[1].endpoint=quiet-endpoint",
        "launchcast.monitor.models[1].cron=-",
        "launchcast.monitor.quality.alarms.min-actuals=20", "launchcast.monitor.quality.cohort-attribute=category"})
class DashboardBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String PROMETHEUS = """
            # HELP http_server_requests_seconds
            # TYPE http_server_requests_seconds summary
            http_server_requests_seconds_count{error="none",exception="none",method="POST",outcome="SUCCESS",status="200",uri="/forecasts"} 1200
            http_server_requests_seconds_sum{error="none",exception="none",method="POST",outcome="SUCCESS",status="200",uri="/forecasts"} 54.0
            http_server_requests_seconds_count{error="none",exception="none",method="POST",outcome="CLIENT_ERROR",status="400",uri="/forecasts"} 30
            http_server_requests_seconds_sum{error="none",exception="none",method="POST",outcome="CLIENT_ERROR",status="400",uri="/forecasts"} 0.3
            http_server_requests_seconds_count{error="IllegalStateException",exception="IllegalStateException",method="POST",outcome="SERVER_ERROR",status="500",uri="/forecasts"} 12
            http_server_requests_seconds_sum{error="IllegalStateException",exception="IllegalStateException",method="POST",outcome="SERVER_ERROR",status="500",uri="/forecasts"} 1.2
            # TYPE http_server_requests_seconds_max gauge
            http_server_requests_seconds_max{error="none",exception="none",method="POST",outcome="SUCCESS",status="200",uri="/forecasts"} 0.412
            http_server_requests_seconds_count{error="none",exception="none",method="POST",outcome="SUCCESS",status="200",uri="/invocations"} 400
            http_server_requests_seconds_sum{error="none",exception="none",method="POST",outcome="SUCCESS",status="200",uri="/invocations"} 8.0
            http_server_requests_seconds_max{error="none",exception="none",method="POST",outcome="SUCCESS",status="200",uri="/invocations"} 0.09
            http_server_requests_seconds_count{error="none",exception="none",method="GET",outcome="SUCCESS",status="200",uri="/actuator/prometheus"} 77
            # TYPE launchcast_capture_records_total counter
            launchcast_capture_records_total{outcome="queued"} 1612.0
            launchcast_capture_records_total{outcome="written"} 1600.0
            launchcast_capture_records_total{outcome="dropped"} 12.0
            """;

    static HttpServer forecastService;

    @BeforeAll
    static void startForecastServiceStandIn() throws IOException {
        forecastService = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        forecastService.createContext("/actuator/prometheus", exchange -> {
            boolean operator = ("Bearer " + TestTokens.token("operations"))
                    .equals(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = (operator ? PROMETHEUS : "").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
            exchange.sendResponseHeaders(operator ? 200 : 401, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        forecastService.start();
    }

    @AfterAll
    static void stopForecastServiceStandIn() {
        forecastService.stop(0);
    }

    @DynamicPropertySource
    static void dashboardServices(DynamicPropertyRegistry registry) {
        registry.add("launchcast.monitor.dashboard.services[0].name", () -> "forecast-service");
        registry.add("launchcast.monitor.dashboard.services[0].metrics-url",
                () -> "http://127.0.0.1:" + forecastService.getAddress().getPort() + "/actuator/prometheus");
    }

    @LocalServerPort
    int port;

    @Autowired
    ObjectStore store;

    @Autowired
    JsonMapper json;

    @Autowired
    ForecastQuality quality;

    @Test
    void showsAlarmsDriftQualityCaptureAndServingInABrowser() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "the dashboard's browser test needs Debian's chromium and chromium-driver"
                        + " (apt-get install -y chromium chromium-driver); skipped");
        seedDriftRuns();
        seedForecastQuality();
        assertThat(RestClient.create().get().uri("http://localhost:" + port + "/dashboard-data").retrieve()
                .onStatus(s -> true, (req, res) -> { }).toBodilessEntity().getStatusCode().value())
                .as("the data needs a token, only the page's shell is open").isEqualTo(401);

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1500,2300");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        WebDriver browser = new ChromeDriver(service, options);
        try {
            browser.get("http://localhost:" + port + "/dashboard#token=" + TestTokens.token("operations"));
            new WebDriverWait(browser, Duration.ofSeconds(30)).until(b -> "true".equals(
                    ((JavascriptExecutor) b).executeScript("return document.body.dataset.loaded")));
            Thread.sleep(500); // let the charts paint before the screenshot
            Path screenshot = Path.of("target", "dashboard.png");
            Files.createDirectories(screenshot.getParent());
            Files.write(screenshot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));

            assertThat(browser.getCurrentUrl()).as("the token leaves the address bar").doesNotContain("token");
            String priceAlarm = browser.findElement(By.cssSelector("tr[data-alarm='drift-launch-demand-price']")).getText();
            assertThat(priceAlarm).contains("ALARM", "2 transitions");
            assertThat(browser.findElement(By.cssSelector("tr[data-alarm='drift-launch-demand-fabric']")).getText())
                    .contains("OK");
            JavascriptExecutor js = (JavascriptExecutor) browser;
            assertThat(js.executeScript("return Chart.getChart('drift-launch-demand').data.datasets.length"))
                    .isEqualTo(2L);
            assertThat(browser.findElement(By.id("drift-launch-demand-undecided")).getText()).isEmpty();
            // no verdict is not no news: the empty chart says which features a window was too small for, and why
            assertThat(browser.findElement(By.id("drift-quiet-shop-undecided")).getText()).contains(
                    "category: no drift verdict, 1 value is too few for jensen_shannon at 0.200",
                    "price: no drift verdict, 1 value and");
            assertThat(js.executeScript("return Chart.getChart('wape-by-version').data.datasets.map(d => d.label).join()"))
                    .isEqualTo("launch-demand v2,launch-demand v3"); // two groups monitored: each series names its own
            assertThat(js.executeScript("return Chart.getChart('wape-by-cohort').data.datasets.map(d => d.label).join()"))
                    .isEqualTo("launch-demand dress,launch-demand skirt");
            assertThat(js.executeScript("return Chart.getChart('capture').data.datasets[0].data.reduce((a, b) => a + b, 0)"))
                    .isEqualTo(1L); // this test's capture objects within the last day (the seeded ones are older)
            String serving = browser.findElement(By.id("serving")).getText();
            assertThat(serving).contains("/forecasts", "1242", "1.0 %", "44.7 ms", "412.0 ms", "/invocations")
                    .doesNotContain("/actuator");
            assertThat(browser.findElement(By.id("capture-records")).getText()).contains("dropped 12");
        } finally {
            browser.quit();
        }
    }

    /** An in-distribution window, then one with prices 40 % up: the price alarm goes to ALARM. */
    private void seedDriftRuns() throws InterruptedException {
        Random random = new Random(5);
        LaunchStreams.baseline(random, 800).forEach((name, content) ->
                store.put("monitoring/baselines/launch-demand/v3/" + name, content, "application/json"));
        Instant hour = Instant.parse("2027-03-02T10:00:00Z");
        runOver(random, hour, Shift.NONE, "launch-demand", 400);
        runOver(random, hour.plus(1, ChronoUnit.HOURS), Shift.PRICE_UP_40_PERCENT, "launch-demand", 400);
        // a quiet shop's hour of one request: too few values for any drift verdict, and the page says why
        LaunchStreams.baseline(random, 3000).forEach((name, content) ->
                store.put("monitoring/baselines/quiet-shop/v1/" + name, content, "application/json"));
        runOver(random, hour, Shift.NONE, "quiet-shop", 1);
        // and one capture object of the current hour, for the volume chart
        store.put("capture/dashboard-endpoint/AllTraffic/" + java.time.format.DateTimeFormatter.ofPattern("yyyy/MM/dd/HH")
                .withZone(java.time.ZoneOffset.UTC).format(Instant.now()) + "/" + UUID.randomUUID() + ".jsonl",
                LaunchStreams.captureLines(random, 5, Shift.NONE, Instant.now(), "launch-demand/3").getBytes(StandardCharsets.UTF_8),
                "application/jsonlines");
    }

    private void runOver(Random random, Instant hour, Shift shift, String group, int requests)
            throws InterruptedException {
        String endpoint = group.equals("launch-demand") ? "dashboard-endpoint" : "quiet-endpoint";
        String version = group.equals("launch-demand") ? "launch-demand/3" : group + "/1";
        store.put("capture/" + endpoint + "/AllTraffic/" + java.time.format.DateTimeFormatter.ofPattern("yyyy/MM/dd/HH")
                .withZone(java.time.ZoneOffset.UTC).format(hour) + "/" + UUID.randomUUID() + ".jsonl",
                LaunchStreams.captureLines(random, requests, shift, hour.plusSeconds(60), version).getBytes(StandardCharsets.UTF_8),
                "application/jsonlines");
        String id = json.readTree(client().post().uri("/monitoring-runs").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("group", group, "from", hour.toString(), "to", hour.plusSeconds(3600).toString()))
                .retrieve().body(String.class)).path("id").asString();
        for (int i = 0; i < 600; i++) {
            String state = json.readTree(client().get().uri("/monitoring-runs/" + id).retrieve().body(String.class))
                    .path("state").asString();
            if (state.equals("COMPLETED") || state.equals("FAILED")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("run " + id + " did not finish");
    }

    /** Version 2 forecast January's launches, version 3 February's; the skirts sell more than forecast. */
    private void seedForecastQuality() {
        Random random = new Random(8);
        List<Forecast> forecasts = new ArrayList<>();
        List<Sale> sales = new ArrayList<>();
        Map<String, String> categories = new java.util.HashMap<>();
        for (int i = 0; i < 40; i++) {
            LocalDate launch = LocalDate.of(2027, 1, 4).plusWeeks(i % 8);
            String version = i % 8 < 4 ? "launch-demand/2" : "launch-demand/3"; // as forecasts name them
            String category = i % 2 == 0 ? "dress" : "skirt";
            categories.put("Q" + i, category);
            forecasts.add(new Forecast("q-" + i, Instant.parse("2026-12-20T08:00:00Z"), "Q" + i, null, version, launch,
                    Map.of("category", category, "fabric", "cotton", "color", "blue"), 30, new double[] {10, 9, 8, 7}, 0.5));
            for (int w = 0; w < 4; w++) {
                double level = (category.equals("skirt") ? 1.4 : 1.0) * (version.endsWith("/3") ? 1.1 : 1.0);
                sales.add(new Sale("Q" + i, "all", launch.plusWeeks(w),
                        Math.round((10 - w) * level * (0.8 + 0.4 * random.nextDouble()))));
            }
        }
        ForecastCaptures.capture(store, "dashboard-endpoint", forecasts);
        ForecastCaptures.publish(store, "dashboard-sales", "20270401T000000Z", sales, categories);
        quality.joinDataset("dashboard-sales", "20270401T000000Z");
    }

    private RestClient client() {
        return TestTokens.client(port, "operations");
    }
}

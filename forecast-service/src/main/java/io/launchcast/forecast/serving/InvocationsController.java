package io.launchcast.forecast.serving;

import io.launchcast.forecast.capture.CaptureSink;
import io.launchcast.platform.problem.FieldError;
import io.launchcast.platform.problem.ProblemTypes;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * SageMaker's inference container contract: {@code GET /ping} (200 only with a model loaded) and
 * {@code POST /invocations} taking JSON, JSON Lines or CSV (one product per line) and answering in the
 * {@code Accept} type, one output record per input record so Batch Transform can join them to their input.
 *
 * <p>CSV input columns: {@code product_id,launch_date,<each model attribute in order>[,price[,region]]}: a product
 * forecast in several regions takes a line per region. CSV output: {@code product_id,model_version} then, per period,
 * the mean and each quantile; a product asked for in several regions at once (JSON input) needs JSON or JSON Lines
 * output, which hold a forecast per region.
 */
@RestController
class InvocationsController {

    static final String JSON_LINES = "application/jsonlines";
    static final URI PAYLOAD_TOO_LARGE = URI.create(ProblemTypes.BASE + "payload-too-large");
    static final URI UNSUPPORTED = URI.create(ProblemTypes.BASE + "unsupported-content-type");

    private final ForecastService forecasts;
    private final ChampionModel champion;
    private final CaptureSink capture;
    private final JsonMapper json;
    private final SageMakerBatchSettings batch;
    private final ProductLines lines;

    InvocationsController(ForecastService forecasts, ChampionModel champion, CaptureSink capture, JsonMapper json,
            SageMakerBatchSettings batch) {
        this.forecasts = forecasts;
        this.champion = champion;
        this.capture = capture;
        this.json = json;
        this.batch = batch;
        this.lines = new ProductLines(json);
    }

    /**
     * 200 with an empty body while a model is loaded, as SageMaker asks, and which model in a header: the registry's
     * champion changes when a version is approved, serving only once it has loaded, so a caller waiting for a
     * version to serve asks here.
     */
    @GetMapping("/ping")
    ResponseEntity<String> ping() {
        return champion.loaded().map(model -> ResponseEntity.ok().header(MODEL_VERSION, model.version()).body(""))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body("no model loaded"));
    }

    /** The header of {@code /ping} that names the version serving. */
    static final String MODEL_VERSION = "X-Launchcast-Model-Version";

    /** What Batch Transform asks a container before sending it work. */
    @GetMapping("/execution-parameters")
    Map<String, Object> executionParameters() {
        return Map.of("MaxConcurrentTransforms", batch.maxConcurrentTransforms(), "BatchStrategy", "MULTI_RECORD",
                "MaxPayloadInMB", batch.maxPayloadInMb());
    }

    @PostMapping(value = "/invocations")
    ResponseEntity<?> invoke(@RequestBody(required = false) String body,
            @RequestHeader(value = "Content-Type", defaultValue = "application/json") String contentType,
            @RequestHeader(value = "Accept", defaultValue = "application/json") String accept) {
        String text = body == null ? "" : body;
        if (text.length() > batch.maxPayloadInMb() * 1024L * 1024L) {
            return problem(HttpStatus.PAYLOAD_TOO_LARGE, PAYLOAD_TOO_LARGE, "Payload too large",
                    "payloads are limited to " + batch.maxPayloadInMb() + " MB (SAGEMAKER_MAX_PAYLOAD_IN_MB)");
        }
        String in = mediaType(contentType);
        String out = accept.contains("*/*") ? in : mediaType(accept);
        if (!List.of(MediaType.APPLICATION_JSON_VALUE, JSON_LINES, "text/csv").contains(in)
                || !List.of(MediaType.APPLICATION_JSON_VALUE, JSON_LINES, "text/csv").contains(out)) {
            return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, UNSUPPORTED, "Unsupported content type",
                    "use application/json, application/jsonlines or text/csv (got " + contentType + " -> " + accept + ")");
        }
        List<NewProduct> products = switch (in) {
            case "text/csv" -> fromCsv(text);
            case JSON_LINES -> fromJsonLines(text);
            default -> fromJson(text);
        };
        if (out.equals("text/csv")) {
            refuseRegionsInCsv(products);
        }
        List<List<Forecast>> perProduct = new ArrayList<>();
        for (NewProduct product : products) {
            // one product at a time keeps one output record per input record, whatever the regions
            perProduct.add(forecasts.forecast(new ForecastRequest(List.of(product), null, null)));
        }
        capture.capture("invocations", products, perProduct);
        return switch (out) {
            case "text/csv" -> ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv")).body(toCsv(perProduct));
            case JSON_LINES -> ResponseEntity.ok().contentType(MediaType.parseMediaType(JSON_LINES))
                    .body(String.join("\n", perProduct.stream().map(f -> json.writeValueAsString(record(f))).toList()) + "\n");
            default -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("predictions", perProduct.stream().map(InvocationsController::record).toList()));
        };
    }

    private static Map<String, Object> record(List<Forecast> forecasts) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("productId", forecasts.get(0).productId());
        record.put("modelVersion", forecasts.get(0).modelVersion());
        record.put("knowledge", forecasts.get(0).knowledge());
        record.put("forecasts", forecasts);
        return record;
    }

    private List<NewProduct> fromJson(String text) {
        JsonNode root;
        try {
            root = json.readTree(text);
        } catch (JacksonException e) {
            throw new InvalidForecastRequestException(List.of(new FieldError("body", "not valid JSON: "
                    + e.getOriginalMessage())));
        }
        JsonNode list = root.isObject() && root.has("products") ? root.get("products") : root;
        if (!list.isArray()) {
            return List.of(lines.fromJson(root, "body"));
        }
        String prefix = list == root ? "" : "products";
        List<NewProduct> products = new ArrayList<>();
        int i = 0;
        for (JsonNode node : list) {
            products.add(lines.fromJson(node, prefix + "[" + i++ + "]"));
        }
        return products;
    }

    private List<NewProduct> fromJsonLines(String text) {
        List<NewProduct> products = new ArrayList<>();
        String[] rows = text.split("\r?\n");
        for (int i = 0; i < rows.length; i++) {
            if (!rows[i].isBlank()) {
                products.add(lines.fromJson(rows[i], "line " + (i + 1)));
            }
        }
        return products;
    }

    private List<NewProduct> fromCsv(String text) {
        List<String> attributes = champion.get().attributes();
        List<NewProduct> products = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        String[] rows = text.split("\r?\n");
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].isBlank() || (i == 0 && ProductLines.isCsvHeader(rows[i]))) {
                continue;
            }
            try {
                products.add(lines.fromCsv(rows[i], attributes, "line " + (i + 1)));
            } catch (InvalidForecastRequestException e) {
                errors.addAll(e.errors());
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidForecastRequestException(errors);
        }
        return products;
    }

    /**
     * CSV output holds one record per product (Batch Transform joins output to input line by line), so a product
     * asked for in several regions, each with its own forecast, cannot be written there without losing all but one.
     */
    private static void refuseRegionsInCsv(List<NewProduct> products) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < products.size(); i++) {
            NewProduct product = products.get(i);
            if (product.regions() != null && product.regions().size() > 1) {
                errors.add(new FieldError("regions", "record " + (i + 1) + " (" + product.productId() + ") asks for "
                        + product.regions().size() + " regions, each a forecast of its own, but CSV output holds one"
                        + " record per product: ask for application/json or application/jsonlines"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidForecastRequestException(errors);
        }
    }

    private String toCsv(List<List<Forecast>> perProduct) {
        StringBuilder out = new StringBuilder();
        for (List<Forecast> forecasts : perProduct) {
            Forecast forecast = forecasts.get(0);
            out.append(forecast.productId()).append(',').append(forecast.modelVersion());
            for (Forecast.Period period : forecast.periods()) {
                out.append(',').append(period.mean());
                period.quantiles().values().forEach(q -> out.append(',').append(q));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String mediaType(String header) {
        return header.split(";")[0].split(",")[0].trim().toLowerCase(Locale.ROOT);
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, URI type, String title, String detail) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemTypes.problem(type, status, title, detail));
    }
}

package io.launchcast.monitor;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.json.JsonMapper;

/**
 * Test kit: a training distribution of new products (price, category, fabric, color), its baseline in Model
 * Monitor's format, and streams of captured forecasts drawn from it or from shifted versions of it, written as
 * forecast-service writes them (SageMaker's data-capture JSON Lines).
 */
public final class LaunchStreams {

    /** How a stream departs from the training distribution. */
    public enum Shift { NONE, PRICE_UP_40_PERCENT, UNSEEN_FABRIC, CATEGORY_MIX }

    static final String[] CATEGORIES = {"dress", "skirt", "shirt", "trousers"};
    static final double[] CATEGORY_SHARES = {0.4, 0.3, 0.2, 0.1};
    static final String[] FABRICS = {"cotton", "linen", "wool"};
    static final String[] COLORS = {"blue", "white", "black", "red", "green"};

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private LaunchStreams() {
    }

    /** One product drawn from the (possibly shifted) distribution, as the forecast API takes it. */
    public static Map<String, Object> product(Random random, String productId, Shift shift) {
        return product(random, productId, EnumSet.of(shift));
    }

    /** One product drawn from the distribution with any number of shifts at once. */
    public static Map<String, Object> product(Random random, String productId, Set<Shift> shifts) {
        double price = Math.round((20 + Math.exp(random.nextGaussian() * 0.4 + 3)) * 100) / 100.0;
        String category = shifts.contains(Shift.CATEGORY_MIX) ? CATEGORIES[CATEGORIES.length - 1 - pick(random)]
                : CATEGORIES[pick(random)];
        String fabric = shifts.contains(Shift.UNSEEN_FABRIC) && random.nextDouble() < 0.3 ? "lyocell"
                : FABRICS[random.nextInt(FABRICS.length)];
        Map<String, Object> product = new LinkedHashMap<>();
        product.put("productId", productId);
        product.put("launchDate", "2027-03-01");
        product.put("price", shifts.contains(Shift.PRICE_UP_40_PERCENT) ? Math.round(price * 140) / 100.0 : price);
        product.put("attributes", Map.of("category", category, "fabric", fabric,
                "color", COLORS[random.nextInt(COLORS.length)]));
        return product;
    }

    private static int pick(Random random) {
        double u = random.nextDouble();
        for (int i = 0; i < CATEGORY_SHARES.length; i++) {
            u -= CATEGORY_SHARES[i];
            if (u < 0) {
                return i;
            }
        }
        return CATEGORY_SHARES.length - 1;
    }

    /** {@code statistics.json} and {@code constraints.json} of {@code rows} products from the training distribution. */
    public static Map<String, byte[]> baseline(Random random, int rows) {
        List<Double> prices = new ArrayList<>();
        Map<String, Map<String, Long>> categorical = new TreeMap<>();
        for (int i = 0; i < rows; i++) {
            Map<String, Object> p = product(random, "T" + i, Shift.NONE);
            prices.add((Double) p.get("price"));
            @SuppressWarnings("unchecked")
            Map<String, String> attributes = (Map<String, String>) p.get("attributes");
            attributes.forEach((k, v) -> categorical.computeIfAbsent(k, x -> new TreeMap<>()).merge(v, 1L, Long::sum));
        }
        double mean = prices.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double std = Math.sqrt(prices.stream().mapToDouble(p -> (p - mean) * (p - mean)).sum() / (rows - 1));
        List<Map<String, Object>> features = new ArrayList<>();
        features.add(Map.of("name", "price", "inferred_type", "Fractional", "numerical_statistics", Map.of(
                "common", Map.of("num_present", rows, "num_missing", 0), "mean", mean, "std_dev", std,
                "distribution", Map.of("kll", Map.of("sketch", Map.of("data", List.of(prices)))))));
        categorical.forEach((name, counts) -> features.add(Map.of("name", name, "inferred_type", "String",
                "string_statistics", Map.of("common", Map.of("num_present", rows), "distinct_count", counts.size(),
                        "distribution", Map.of("categorical", counts)))));
        List<Map<String, Object>> constraints = new ArrayList<>();
        features.forEach(f -> constraints.add(Map.of("name", f.get("name"), "inferred_type", f.get("inferred_type"),
                "completeness", 1.0)));
        return Map.of("statistics.json", JSON.writeValueAsBytes(Map.of("version", 0.0, "dataset",
                        Map.of("item_count", rows), "features", features)),
                "constraints.json", JSON.writeValueAsBytes(Map.of("version", 0.0, "features", constraints)));
    }

    /** Captured lines of {@code products} forecasts, one product per inference, all at {@code at}. */
    public static String captureLines(Random random, int products, Shift shift, Instant at, String modelVersion) {
        return captureLines(random, products, EnumSet.of(shift), at, modelVersion);
    }

    /**
     * Captured lines of {@code products} forecasts, one product per inference ({@code i-<epoch millis>-<n>}), all at
     * {@code at}; each forecasts 4 weekly periods from 2027-03-01 at a mean of 10, p10 6 and p90 14.
     */
    public static String captureLines(Random random, int products, Set<Shift> shifts, Instant at, String modelVersion) {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < products; i++) {
            Map<String, Object> product = product(random, "P" + i, shifts);
            String input = JSON.writeValueAsString(Map.of("products", List.of(product), "horizon", 4));
            List<Map<String, Object>> periods = new ArrayList<>();
            for (int p = 1; p <= 4; p++) {
                periods.add(Map.of("period", p, "periodStart", LocalDate.of(2027, 3, 1).plusWeeks(p - 1).toString(),
                        "mean", 10.0, "quantiles", Map.of("p10", 6.0, "p50", 10.0, "p90", 14.0)));
            }
            String output = JSON.writeValueAsString(List.of(Map.of("productId", product.get("productId"),
                    "modelVersion", modelVersion, "launchDate", "2027-03-01", "periods", periods)));
            lines.append(JSON.writeValueAsString(Map.of(
                    "captureData", Map.of(
                            "endpointInput", Map.of("observedContentType", "application/json", "mode", "INPUT",
                                    "data", input, "encoding", "JSON"),
                            "endpointOutput", Map.of("observedContentType", "application/json", "mode", "OUTPUT",
                                    "data", output, "encoding", "JSON")),
                    "eventMetadata", Map.of("eventId", "e" + i, "inferenceId", "i-" + at.toEpochMilli() + "-" + i,
                            "inferenceTime", at.toString()),
                    "eventVersion", "0"))).append('\n');
        }
        return lines.toString();
    }
}

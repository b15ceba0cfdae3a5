package io.launchcast.forecast.bench;

import io.launchcast.features.dataset.CuratedDataset;
import io.launchcast.features.dataset.CuratedDatasetReader;
import io.launchcast.features.dataset.Product;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes benchmark input (not a test): {@code NewProductLines <curated-version-dir> <count> <out.jsonl> <attribute,...>
 * [aligned|daily]} gives one new product per line as {@code POST /forecasts} and batch jobs take it, with the
 * attributes of a random product of the dataset and a launch date in the 8 weeks after its data ends, as a
 * planning app would send next season's products: on the weekday of the dataset's latest launch ({@code aligned},
 * the default) or on any day ({@code daily}). Both draw the same products in the same order, so the two files
 * differ only in their dates.
 */
public final class NewProductLines {

    private NewProductLines() {
    }

    public static void main(String[] args) throws Exception {
        CuratedDataset curated = new CuratedDatasetReader().read(Path.of(args[0]));
        int count = Integer.parseInt(args[1]);
        List<Product> products = curated.products();
        LocalDate latest = products.stream().map(Product::launchDate).max(Comparator.naturalOrder()).orElseThrow();
        LocalDate first = latest.plusWeeks(13);
        List<String> attributes = List.of(args[3].split(","));
        boolean daily = args.length > 4 && args[4].equals("daily");
        JsonMapper json = JsonMapper.builder().build();
        Random random = new Random(11);
        try (BufferedWriter out = Files.newBufferedWriter(Path.of(args[2]), StandardCharsets.UTF_8)) {
            for (int i = 0; i < count; i++) {
                Product like = products.get(random.nextInt(products.size()));
                Map<String, Object> line = new java.util.LinkedHashMap<>();
                line.put("productId", "bench-" + i);
                Map<String, String> values = new java.util.TreeMap<>();
                for (String a : attributes) {
                    if (like.attribute(a) != null) {
                        values.put(a, like.attribute(a));
                    }
                }
                line.put("attributes", values);
                LocalDate launch = daily ? first.plusDays(random.nextInt(56)) : first.plusWeeks(random.nextInt(8));
                line.put("launchDate", launch.toString());
                if (like.price() != null) {
                    line.put("price", like.price());
                }
                out.write(json.writeValueAsString(line));
                out.newLine();
            }
        }
    }
}

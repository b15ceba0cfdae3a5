package io.launchcast.ingestion.bench;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Writes a data project folder for the scale bench (figures, not a test): {@code mapping.yml}, {@code products.csv}
 * (one row per product: id, launch date, region, price, three attributes and 12 weekly sales columns, so N products
 * are 12 N sales rows) and {@code trends.csv} (a weekly signal per attribute value). The scale bench ingests it
 * with {@code IngestFolderCommand}, so the services' benches start from a version published by the ingestion
 * job through a mapping, as a retailer's data would be.
 *
 * <pre>ScaleProjectGenerator &lt;products&gt; &lt;launch dates&gt; &lt;days between launch dates&gt; &lt;folder&gt;</pre>
 */
public final class ScaleProjectGenerator {

    static final LocalDate FIRST_LAUNCH = LocalDate.of(2021, 1, 4);
    private static final int WEEKS = 12;

    private ScaleProjectGenerator() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: ScaleProjectGenerator <products> <launch dates> <days between launch dates>"
                    + " <folder>");
            System.exit(2);
        }
        int products = Integer.parseInt(args[0]);
        int launchDates = Integer.parseInt(args[1]);
        int launchStep = Integer.parseInt(args[2]);
        Path folder = Path.of(args[3]);
        long start = System.nanoTime();
        write(folder, products, launchDates, launchStep);
        System.out.printf(Locale.ROOT, "generated %,d products (%,d sales rows) in %s in %.1f s%n", products,
                (long) WEEKS * products, folder, (System.nanoTime() - start) / 1e9);
    }

    static void write(Path folder, int products, int launchDates, int launchStep) throws Exception {
        Files.createDirectories(folder);
        String weeks = IntStream.range(0, WEEKS).mapToObj(h -> "cast((1 + cast(hash(i, 'u') % 40 AS INTEGER)) * ("
                + (14 - h) + ") / 6 AS BIGINT) AS w" + h).collect(Collectors.joining(", "));
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement sql = duck.createStatement()) {
            sql.execute("COPY (SELECT 'P' || lpad(cast(i AS VARCHAR), 7, '0') AS product_id, "
                    + "cast(DATE '" + FIRST_LAUNCH + "' + INTERVAL ((i % " + launchDates + ") * " + launchStep
                    + ") DAY AS DATE) AS launch_date, "
                    + "['north','south','east','west'][1 + cast(hash(i, 'r') % 4 AS INTEGER)] AS region, "
                    + "cast(10 + cast(hash(i, 'p') % 90 AS INTEGER) AS DOUBLE) AS price, "
                    + "'category-' || cast(hash(i, 'c') % 40 AS INTEGER) AS category, "
                    + "'colour-' || cast(hash(i, 'o') % 12 AS INTEGER) AS colour, "
                    + "'fabric-' || cast(hash(i, 'f') % 25 AS INTEGER) AS fabric, " + weeks
                    + " FROM range(" + products + ") t(i) ORDER BY i) TO '" + folder.resolve("products.csv")
                    + "' (HEADER, DELIMITER ',')");
        }
        List<String> terms = new ArrayList<>();
        IntStream.range(0, 40).forEach(c -> terms.add("category-" + c));
        IntStream.range(0, 12).forEach(c -> terms.add("colour-" + c));
        IntStream.range(0, 25).forEach(c -> terms.add("fabric-" + c));
        int signalWeeks = 52 + launchDates * launchStep / 7 + 14;
        try (BufferedWriter out = Files.newBufferedWriter(folder.resolve("trends.csv"), StandardCharsets.UTF_8)) {
            out.write("date," + String.join(",", terms));
            out.newLine();
            for (int w = 0; w < signalWeeks; w++) {
                StringBuilder row = new StringBuilder(FIRST_LAUNCH.minusWeeks(52).plusWeeks(w).toString());
                for (int t = 0; t < terms.size(); t++) {
                    row.append(',').append(30 + Math.floorMod(terms.get(t).hashCode() * 31 + w * 17, 50));
                }
                out.write(row.toString());
                out.newLine();
            }
        }
        LocalDate lastSale = FIRST_LAUNCH.plusDays((long) launchDates * launchStep).plusWeeks(WEEKS + 1);
        Files.writeString(folder.resolve("mapping.yml"), """
                # the scale bench's generated project (ScaleProjectGenerator): wide weekly sales per product row
                name: scale-bench
                version: 1
                dataset: scale-bench
                period: week
                default-region: all
                valid-dates: {from: %s, to: %s}
                attributes:
                  category: string
                  colour: string
                  fabric: string
                sources:
                  - name: products
                    files:
                      - {match: products.csv, split: train}
                    format: {type: csv, delimiter: ",", encoding: UTF-8}
                    products:
                      product-id: product_id
                      launch-date: {column: launch_date, format: yyyy-MM-dd}
                      region: region
                      price: price
                      attributes:
                        category: category
                        colour: colour
                        fabric: fabric
                    sales:
                      region: region
                      wide:
                        columns: [%s]
                  - name: trends
                    files:
                      - {match: trends.csv}
                    format: {type: csv, delimiter: ","}
                    signals:
                      signal: {constant: trend}
                      date: {column: date, format: yyyy-MM-dd}
                      wide:
                        all-other-columns: true
                """.formatted(FIRST_LAUNCH.minusWeeks(53), lastSale,
                IntStream.range(0, WEEKS).mapToObj(h -> "w" + h).collect(Collectors.joining(", "))));
    }
}

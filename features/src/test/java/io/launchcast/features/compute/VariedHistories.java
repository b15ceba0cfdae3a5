package io.launchcast.features.compute;

import io.launchcast.features.dataset.CuratedDataset;
import io.launchcast.features.dataset.DatasetManifest;
import io.launchcast.features.dataset.Period;
import io.launchcast.features.dataset.PeriodAnchor;
import io.launchcast.features.dataset.Product;
import io.launchcast.features.dataset.SalesRecord;
import io.launchcast.features.dataset.SignalRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Launch histories generated from a seed with what every feature path reads: three categorical attributes (one
 * sometimes missing), a free-text attribute, a numeric attribute, prices, several launches on most dates, idle
 * weeks, left-censored products, a test split, trend signals with gaps, and sales data that ends before the
 * last launches (their curves are cut or unknown).
 */
final class VariedHistories {

    private static final List<String> COLOURS = List.of("red", "blue", "green", "black", "white");
    private static final List<String> CATEGORIES = List.of("dress", "coat", "shirt");
    private static final List<String> FABRICS = List.of("cotton", "wool", "linen", "silk");
    private static final List<String> WORDS = List.of("paper", "lantern", "mug", "enamel", "star", "heart", "glass",
            "holder", "t", "light", "wooden", "box", "vintage", "cake", "stand");

    private VariedHistories() {
    }

    static CuratedDataset of(int products, Period period, PeriodAnchor anchor, long seed) {
        Random random = new Random(seed);
        LocalDate start = LocalDate.of(2019, 12, 30);
        List<Product> list = new ArrayList<>();
        List<SalesRecord> sales = new ArrayList<>();
        LocalDate launch = start;
        LocalDate salesEnd = start.plusDays(products * 2L / 5 * 7 / 3); // the last launches have no full curve
        for (int i = 0; i < products; i++) {
            if (random.nextInt(3) == 0) {
                launch = launch.plusDays(1 + random.nextInt(random.nextInt(10) == 0 ? 30 : 4));
            }
            String colour = COLOURS.get(random.nextInt(COLOURS.size()));
            String category = CATEGORIES.get(random.nextInt(CATEGORIES.size()));
            Map<String, String> attributes = new TreeMap<>(Map.of("colour", colour, "category", category,
                    "size", Integer.toString(1 + random.nextInt(5))));
            if (random.nextInt(5) > 0) {
                attributes.put("fabric", FABRICS.get(random.nextInt(FABRICS.size())));
            }
            if (random.nextInt(8) > 0) {
                StringBuilder text = new StringBuilder();
                for (int w = 0, n = 1 + random.nextInt(4); w < n; w++) {
                    text.append(w == 0 ? "" : random.nextBoolean() ? " " : "-")
                            .append(WORDS.get(random.nextInt(WORDS.size())).toUpperCase(java.util.Locale.ROOT));
                }
                attributes.put("description", text.toString());
            }
            String split = i < 15 && i % 3 == 0 ? Product.LEFT_CENSORED : i % 7 == 6 ? "test" : "train";
            Product p = new Product("p" + String.format(java.util.Locale.ROOT, "%05d", random.nextInt(100_000)) + "-" + i,
                    launch, null, random.nextInt(10) == 0 ? null : 5.0 + random.nextInt(40), split, attributes);
            list.add(p);
            double level = (colour.equals("red") ? 30 : colour.equals("blue") ? 10 : 3) * (0.3 + random.nextDouble())
                    * (category.equals("coat") ? 2 : 1);
            LocalDate first = anchor.firstPeriodStart(period, launch);
            for (int h = 0; h < 14; h++) {
                LocalDate periodStart = period.plus(first, h);
                if (periodStart.isAfter(salesEnd) || random.nextInt(9) == 0) {
                    continue; // beyond the data, or a period without sales
                }
                long units = Math.round(level * Math.exp(-0.15 * h) * (0.2 + 1.2 * random.nextDouble()));
                sales.add(new SalesRecord(p.id(), random.nextBoolean() ? "north" : "south", periodStart, units));
            }
        }
        List<SignalRecord> signals = new ArrayList<>();
        for (String term : List.of("red", "blue", "dress", "wool", "coat")) {
            for (int w = -60; w < products / 4; w++) {
                Double value = term.equals("blue") && w % 5 == 0 ? null
                        : term.equals("wool") && w % 7 == 0 ? Double.NaN : 50.0 + w * 0.1 + random.nextInt(10);
                signals.add(new SignalRecord("trend", term, period.calendarStart(start.plusWeeks(w)), value));
            }
        }
        DatasetManifest manifest = new DatasetManifest("varied", "1", period, anchor,
                List.of("category", "colour", "fabric", "description", "size"), List.of("description"),
                List.of("size"), "0".repeat(64));
        return new CuratedDataset(manifest, list, sales, signals);
    }

    /** SHA-256 of every feature (names, values as bits, latest periods) of {@code features}, in their order. */
    static String digest(List<LaunchFeatures> features) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (LaunchFeatures f : features) {
                StringBuilder s = new StringBuilder().append(f.productId()).append('@').append(f.asOf())
                        .append('|').append(f.latestSalesPeriodEnd()).append('|').append(f.latestSignalPeriodEnd())
                        .append('|').append(f.definitionsHash());
                f.categorical().forEach((k, v) -> s.append('|').append(k).append('=').append(v));
                f.numeric().forEach((k, v) -> s.append('|').append(k).append('=')
                        .append(Long.toHexString(Double.doubleToRawLongBits(v))));
                sha.update(s.append('\n').toString().getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

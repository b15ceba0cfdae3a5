package io.launchcast.monitor.quality;

import io.launchcast.features.dataset.CuratedDatasetReader;
import io.launchcast.features.dataset.Product;
import io.launchcast.features.dataset.SalesRecord;
import io.launchcast.features.dataset.SalesRows;
import io.launchcast.monitor.capture.CaptureSelection;
import io.launchcast.monitor.capture.CapturedForecast;
import io.launchcast.monitor.capture.CapturedForecasts;
import io.launchcast.monitor.capture.ProductFilter;
import io.launchcast.monitor.quality.ForecastQuality.QuarantinedRow;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Joins the sales of one curated version (mirrored locally) with the forecasts captured at one endpoint, holding
 * neither all the sales (a million products have twelve million rows) nor all the captured forecasts (a million
 * of them, twelve periods each, took several GB as objects): a partitioned hash join that spills to disk.
 * <ol>
 * <li>The sales are streamed for the products sold. Up to {@value #EXACT_SOLD_MAX} of them are kept, so that the
 * capture index names the only objects to read; a version selling more reads every capture object of the endpoint
 * (nearly all of them forecast one of its products anyway).</li>
 * <li>The captured forecasts are streamed into partition files on disk by product (compact binary records), as
 * many partitions as keep each to {@code partitionForecasts} forecasts by the index's count; a Bloom filter
 * ({@link ProductFilter}) remembers the products forecast.</li>
 * <li>The sales are streamed again: the rows of products the filter may know go to their product's partition,
 * the others are counted as not forecast.</li>
 * <li>Each partition is joined in memory as the whole join was before: per model version, product and region the
 * latest forecast; its periods with the sales of their period and region. Evaluations go to the caller's sink as
 * they are made, the sales rows no forecast takes to the caller's quarantine sink.</li>
 * </ol>
 * What is held is one partition, whatever the size of the version and of the capture;
 * the partitions are deleted when the join ends.
 */
public final class SalesJoin {

    /** Up to this many products sold, the join asks the capture index which objects to read. */
    static final int EXACT_SOLD_MAX = 100_000;
    private static final int BUFFER = 32 * 1024;

    /**
     * What a join found; sales rows = joined + quarantined + not forecast.
     *
     * @param evaluated       evaluations handed to the sink
     * @param joinedRows      distinct (product, period, region) sales cells a forecast took
     * @param notForecastRows rows of products no captured forecast names (the history models learn from)
     * @param partitions      how many partitions the join spilled to
     */
    public record Result(long evaluated, long quarantinedRows, long salesRows, long joinedRows,
            long notForecastRows, int partitions) {
    }

    private final CapturedForecasts captures;
    private final Function<String, String> cohortAttributeOf;
    private final Path workDir;
    private final int partitionForecasts;
    private final int exactSoldMax;

    /**
     * A join that takes a forecast's cohort from the attribute {@code cohortAttributeOf} names for its model version
     * (the forecast's value, else the product's; no cohort where it names none), spills into a directory of its own
     * under {@code workDir}, and holds about {@code partitionForecasts} captured forecasts at a time.
     */
    public SalesJoin(CapturedForecasts captures, Function<String, String> cohortAttributeOf, Path workDir,
            int partitionForecasts) {
        this(captures, cohortAttributeOf, workDir, partitionForecasts, EXACT_SOLD_MAX);
    }

    /** A join that asks the capture index only up to {@code exactSoldMax} products sold (tests lower it). */
    SalesJoin(CapturedForecasts captures, Function<String, String> cohortAttributeOf, Path workDir,
            int partitionForecasts, int exactSoldMax) {
        if (partitionForecasts < 1) {
            throw new IllegalArgumentException("partitionForecasts must be at least 1");
        }
        this.captures = captures;
        this.cohortAttributeOf = cohortAttributeOf;
        this.workDir = workDir;
        this.partitionForecasts = partitionForecasts;
        this.exactSoldMax = exactSoldMax;
    }

    /** Thrown out of a stream of sales once the products sold are too many to keep. */
    private static final class TooManySold extends RuntimeException {
        TooManySold() {
            super(null, null, false, false);
        }
    }

    /**
     * Joins the version mirrored at {@code local} with the latest forecasts captured at {@code endpoint}, handing
     * each evaluated forecast period to {@code evaluations} and each sales row no forecast takes, with its reason,
     * to {@code quarantine} (partition by partition: in no particular order).
     */
    public Result join(String endpoint, Path local, Consumer<EvaluatedForecast> evaluations,
            Consumer<QuarantinedRow> quarantine) {
        CuratedDatasetReader reader = new CuratedDatasetReader();
        SalesRows salesRows = reader.sales(local);
        Set<String> sold = soldProducts(salesRows);
        // the capture's product index: with few products sold only the objects that forecast one are read
        CaptureSelection selection = captures.select(endpoint, sold);
        int partitions = (int) Math.max(1, Math.min(4096,
                (selection.products() + partitionForecasts - 1) / partitionForecasts));
        Path dir;
        try {
            Files.createDirectories(workDir);
            dir = Files.createTempDirectory(workDir, "join-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the join's directory under " + workDir, e);
        }
        try {
            Spilled spilled = spillForecasts(selection, sold, partitions, dir);
            sold = null; // from here on the filter of products forecast decides
            long[] rows = spillSales(salesRows, spilled, partitions, dir);
            LocalDate latestPeriod = rows[2] == Long.MIN_VALUE ? null : LocalDate.ofEpochDay(rows[2]);
            // evaluated, joined cells, not forecast (filter's false positives), quarantined
            long[] counts = new long[4];
            for (int p = 0; p < partitions; p++) {
                joinPartition(reader, local, dir, p, partitions, spilled.needsProduct[p], latestPeriod, evaluations,
                        quarantine, counts);
            }
            return new Result(counts[0], counts[3], rows[0], counts[1], rows[1] + counts[2], partitions);
        } finally {
            delete(dir);
        }
    }

    /** The products sold, or null when there are more than {@link #exactSoldMax}. */
    private Set<String> soldProducts(SalesRows salesRows) {
        Set<String> sold = new HashSet<>();
        try {
            salesRows.forEach(s -> {
                if (sold.add(s.productId()) && sold.size() > exactSoldMax) {
                    throw new TooManySold();
                }
            });
        } catch (TooManySold e) {
            return null;
        }
        return sold;
    }

    /** What spilling the forecasts left: which products have one, which partitions need the products' cohorts. */
    private record Spilled(ProductFilter forecast, boolean[] needsProduct) {
    }

    private Spilled spillForecasts(CaptureSelection selection, Set<String> sold, int partitions, Path dir) {
        ProductFilter forecast = ProductFilter.sizedFor(selection.products());
        boolean[] needsProduct = new boolean[partitions];
        DataOutputStream[] out = open(dir, "forecasts-", partitions);
        try {
            captures.forEach(selection, f -> sold == null || sold.contains(f.productId()), f -> {
                int p = ProductFilter.partition(f.productId(), partitions);
                String attribute = cohortAttributeOf.apply(f.modelVersion());
                String cohort = attribute == null ? null : f.attributes().get(attribute);
                needsProduct[p] |= attribute != null && cohort == null;
                forecast.add(f.productId());
                try {
                    write(out[p], f, cohort);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot spill a captured forecast", e);
                }
            });
        } finally {
            close(out);
        }
        return new Spilled(forecast, needsProduct);
    }

    /**
     * Every row, the rows of products certainly not forecast, and the start of the latest period sold in (epoch
     * day); the others go to their product's partition.
     */
    private static long[] spillSales(SalesRows salesRows, Spilled spilled, int partitions, Path dir) {
        long[] rows = {0, 0, Long.MIN_VALUE};
        DataOutputStream[] out = open(dir, "sales-", partitions);
        try {
            salesRows.forEach(s -> {
                rows[0]++;
                rows[2] = Math.max(rows[2], s.periodStart().toEpochDay());
                if (!spilled.forecast().mightContain(s.productId())) {
                    rows[1]++; // the history every model learns from: nothing to evaluate, nothing wrong
                    return;
                }
                DataOutputStream o = out[ProductFilter.partition(s.productId(), partitions)];
                try {
                    o.writeUTF(s.productId());
                    writeNullable(o, s.region());
                    o.writeLong(s.periodStart().toEpochDay());
                    o.writeLong(s.units());
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot spill a sales row", e);
                }
            });
        } finally {
            close(out);
        }
        return rows;
    }

    /** One partition, joined in memory; counts: evaluated, joined cells, rows of products without a forecast. */
    private void joinPartition(CuratedDatasetReader reader, Path local, Path dir, int p, int partitions,
            boolean needsProduct, LocalDate latestPeriod, Consumer<EvaluatedForecast> sink,
            Consumer<QuarantinedRow> quarantine, long[] counts) {
        List<CapturedForecast> read = new ArrayList<>();
        readForecasts(dir.resolve("forecasts-" + p), read::add);
        Map<String, List<CapturedForecast>> forecasts = ofRecord(read).stream()
                .collect(Collectors.groupingBy(CapturedForecast::productId, LinkedHashMap::new, Collectors.toList()));
        read = null;
        Map<String, Product> products = needsProduct
                ? reader.products(local, id -> forecasts.containsKey(id)
                        && ProductFilter.partition(id, partitions) == p).stream()
                        .collect(Collectors.toMap(Product::id, Function.identity(), (a, b) -> a))
                : Map.of();
        // product -> period start -> region -> units, of forecast products only
        Map<String, Map<LocalDate, Map<String, Long>>> sales = new HashMap<>();
        List<SalesRecord> forecastRows = new ArrayList<>();
        readSales(dir.resolve("sales-" + p), s -> {
            if (!forecasts.containsKey(s.productId())) {
                counts[2]++; // the filter's false positive: a product no one forecast
                return;
            }
            forecastRows.add(s);
            sales.computeIfAbsent(s.productId(), k -> new HashMap<>()).computeIfAbsent(s.periodStart(), k -> new HashMap<>())
                    .merge(s.region() == null ? "" : s.region(), s.units(), Long::sum);
        });
        Set<String> joinedRows = new HashSet<>();
        forecasts.forEach((productId, ofProduct) -> {
            Map<LocalDate, Map<String, Long>> byPeriod = sales.getOrDefault(productId, Map.of());
            for (CapturedForecast f : ofProduct) {
                for (CapturedForecast.Period period : f.periods()) {
                    // A product the version sold, in a period its sales cover (up to the latest period anything
                    // sold in), sold nothing there where it has no row: its actual is 0, as the curves the models
                    // learn from count it. Leaving such periods out judged lumpy sellers on their good periods only
                    // (a bias alarm waiting to happen). A later period, or a product not sold at all, waits.
                    boolean covered = !byPeriod.isEmpty() && latestPeriod != null
                            && !period.periodStart().isAfter(latestPeriod);
                    Map<String, Long> regions = byPeriod.getOrDefault(period.periodStart(), Map.of());
                    Long units;
                    if (f.region() == null) { // a forecast without region is the product's total
                        units = regions.isEmpty() ? null : regions.values().stream().mapToLong(Long::longValue).sum();
                        regions.keySet().forEach(r -> joinedRows.add(productId + '\u0000' + period.periodStart() + '\u0000' + r));
                    } else {
                        units = regions.get(f.region());
                        if (units != null) {
                            joinedRows.add(productId + '\u0000' + period.periodStart() + '\u0000' + f.region());
                        }
                    }
                    if (units == null && covered) {
                        units = 0L;
                    }
                    if (units != null) {
                        sink.accept(evaluation(f, period, units, products.get(productId),
                                cohortAttributeOf.apply(f.modelVersion())));
                        counts[0]++;
                    }
                }
            }
        });
        for (SalesRecord s : forecastRows) {
            String region = s.region() == null ? "" : s.region();
            if (!joinedRows.contains(s.productId() + '\u0000' + s.periodStart() + '\u0000' + region)) {
                quarantine.accept(new QuarantinedRow(s.productId(), s.region(), s.periodStart(), s.units(),
                        unmatchedReason(forecasts.get(s.productId()), s)));
                counts[3]++;
            }
        }
        counts[1] += joinedRows.size();
    }

    /**
     * An evaluated forecast period; its cohort is the forecast's attribute, else the product's (if known); none
     * without a cohort attribute.
     */
    static EvaluatedForecast evaluation(CapturedForecast f, CapturedForecast.Period p, double units, Product product,
            String cohortAttribute) {
        String cohort = cohortAttribute == null ? null : f.attributes().get(cohortAttribute);
        if (cohort == null && product != null && cohortAttribute != null) {
            cohort = product.attribute(cohortAttribute);
        }
        return new EvaluatedForecast(f.modelVersion(), f.productId(), f.region(), cohort, p.period(), p.periodStart(),
                f.inferenceId(), f.at(), units, p.mean(), Map.copyOf(p.quantiles()));
    }

    private static String unmatchedReason(List<CapturedForecast> ofProduct, SalesRecord s) {
        boolean region = ofProduct.stream().anyMatch(f -> f.region() == null || f.region().equals(s.region()));
        if (!region) {
            return "no captured forecast of product " + s.productId() + " for region " + s.region() + " (forecast for "
                    + ofProduct.stream().map(CapturedForecast::region).distinct().sorted().toList() + ")";
        }
        return "period " + s.periodStart() + " is outside the captured forecasts' periods of product " + s.productId();
    }

    /** Per model version, product and region, the latest captured forecast. */
    static List<CapturedForecast> ofRecord(List<CapturedForecast> forecasts) {
        Map<String, CapturedForecast> latest = new LinkedHashMap<>();
        for (CapturedForecast f : forecasts) {
            latest.merge(f.modelVersion() + '\u0000' + f.productId() + '\u0000' + f.region(), f,
                    (a, b) -> b.at().isAfter(a.at()) ? b : a);
        }
        return List.copyOf(latest.values());
    }

    // ---------------------------------------------------------------- partition files

    /**
     * A forecast as the join needs it: what {@link #evaluation} reads (the attributes only as the cohort's value),
     * about 830 bytes on disk with twelve periods of three quantiles (the labels repeat; they are short).
     */
    private void write(DataOutputStream out, CapturedForecast f, String cohort) throws IOException {
        out.writeUTF(f.inferenceId());
        out.writeLong(f.at().getEpochSecond());
        out.writeInt(f.at().getNano());
        out.writeUTF(f.productId());
        writeNullable(out, f.region());
        writeNullable(out, f.modelVersion());
        out.writeLong(f.launchDate() == null ? Long.MIN_VALUE : f.launchDate().toEpochDay());
        writeNullable(out, cohort);
        out.writeInt(f.periods().size());
        for (CapturedForecast.Period p : f.periods()) {
            out.writeInt(p.period());
            out.writeLong(p.periodStart().toEpochDay());
            out.writeDouble(p.mean());
            out.writeInt(p.quantiles().size());
            for (Map.Entry<String, Double> q : p.quantiles().entrySet()) {
                out.writeUTF(q.getKey());
                out.writeDouble(q.getValue());
            }
        }
    }

    private void readForecasts(Path file, Consumer<CapturedForecast> each) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), BUFFER))) {
            while (true) {
                String inferenceId;
                try {
                    inferenceId = in.readUTF();
                } catch (EOFException end) {
                    return;
                }
                Instant at = Instant.ofEpochSecond(in.readLong(), in.readInt());
                String productId = in.readUTF();
                String region = readNullable(in);
                String modelVersion = readNullable(in);
                long launch = in.readLong();
                String cohort = readNullable(in);
                int n = in.readInt();
                List<CapturedForecast.Period> periods = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    int period = in.readInt();
                    LocalDate start = LocalDate.ofEpochDay(in.readLong());
                    double mean = in.readDouble();
                    // an immutable map: an array of a few entries, where a LinkedHashMap took 300 bytes a period
                    @SuppressWarnings("unchecked")
                    Map.Entry<String, Double>[] quantiles = new Map.Entry[in.readInt()];
                    for (int j = 0; j < quantiles.length; j++) {
                        quantiles[j] = Map.entry(in.readUTF(), in.readDouble());
                    }
                    periods.add(new CapturedForecast.Period(period, start, mean, Map.ofEntries(quantiles)));
                }
                each.accept(new CapturedForecast(inferenceId, at, productId, region, modelVersion,
                        launch == Long.MIN_VALUE ? null : LocalDate.ofEpochDay(launch),
                        cohort == null ? Map.of() : Map.of(cohortAttributeOf.apply(modelVersion), cohort), periods));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the join's partition " + file, e);
        }
    }

    private static void readSales(Path file, Consumer<SalesRecord> each) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), BUFFER))) {
            while (true) {
                String productId;
                try {
                    productId = in.readUTF();
                } catch (EOFException end) {
                    return;
                }
                String region = readNullable(in);
                LocalDate start = LocalDate.ofEpochDay(in.readLong());
                each.accept(new SalesRecord(productId, region, start, in.readLong()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the join's partition " + file, e);
        }
    }

    private static void writeNullable(DataOutputStream out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value);
        }
    }

    private static String readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    private static DataOutputStream[] open(Path dir, String prefix, int partitions) {
        DataOutputStream[] out = new DataOutputStream[partitions];
        try {
            for (int p = 0; p < partitions; p++) {
                out[p] = new DataOutputStream(new BufferedOutputStream(
                        Files.newOutputStream(dir.resolve(prefix + p)), BUFFER));
            }
        } catch (IOException e) {
            close(out);
            throw new UncheckedIOException("cannot create the join's partitions in " + dir, e);
        }
        return out;
    }

    private static void close(DataOutputStream[] out) {
        IOException failed = null;
        for (DataOutputStream o : out) {
            try {
                if (o != null) {
                    o.close();
                }
            } catch (IOException e) {
                failed = e;
            }
        }
        if (failed != null) {
            throw new UncheckedIOException("cannot write the join's partitions", failed);
        }
    }

    /** Deletes {@code directory} and everything under it. */
    static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + directory, e);
        }
    }
}

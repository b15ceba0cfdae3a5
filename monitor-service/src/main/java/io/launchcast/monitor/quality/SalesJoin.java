package io.launchcast.monitor.quality;

import io.launchcast.features.dataset.CuratedDatasetReader;
import io.launchcast.features.dataset.Product;
import io.launchcast.features.dataset.SalesRecord;
import io.launchcast.features.dataset.SalesRows;
import io.launchcast.monitor.capture.CapturedForecast;
import io.launchcast.monitor.capture.CapturedForecasts;
import io.launchcast.monitor.quality.ForecastQuality.QuarantinedRow;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Joins the sales of one curated version (mirrored locally) with the forecasts captured at one endpoint. The sales
 * are streamed twice and never all held (a million products have twelve million rows): once for the products
 * sold, once keeping only the rows of products with a captured forecast. What is held grows with the forecasts
 * captured, not with the version.
 */
public final class SalesJoin {

    /**
     * What a join found; sales rows = joined + quarantined + not forecast.
     *
     * @param joinedRows      distinct (product, period, region) sales cells a forecast took
     * @param notForecastRows rows of products no captured forecast names (the history models learn from)
     */
    public record Result(List<EvaluatedForecast> evaluations, List<QuarantinedRow> quarantined, long salesRows,
            long joinedRows, long notForecastRows) {
    }

    private final CapturedForecasts captures;
    private final String cohortAttribute;

    /** A join that takes a forecast's cohort from {@code cohortAttribute} (the forecast's, else the product's). */
    public SalesJoin(CapturedForecasts captures, String cohortAttribute) {
        this.captures = captures;
        this.cohortAttribute = cohortAttribute;
    }

    /** Joins the version mirrored at {@code local} with the latest forecasts captured at {@code endpoint}. */
    public Result join(String endpoint, Path local) {
        CuratedDatasetReader reader = new CuratedDatasetReader();
        SalesRows salesRows = reader.sales(local);
        Set<String> sold = new HashSet<>();
        salesRows.forEach(s -> sold.add(s.productId()));
        // the capture's product index: only the capture objects that forecast a sold product are read
        Map<String, List<CapturedForecast>> forecasts = ofRecord(captures.read(endpoint, sold, f -> true))
                .stream().collect(Collectors.groupingBy(CapturedForecast::productId));
        sold.clear();
        Map<String, Product> products = reader.products(local, forecasts::containsKey).stream()
                .collect(Collectors.toMap(Product::id, Function.identity(), (a, b) -> a));
        // product -> period start -> region -> units, of forecast products only
        Map<String, Map<LocalDate, Map<String, Long>>> sales = new HashMap<>();
        List<SalesRecord> forecastRows = new ArrayList<>();
        long[] rows = new long[2]; // every row, rows of products no one forecast
        salesRows.forEach(s -> {
            rows[0]++;
            if (!forecasts.containsKey(s.productId())) {
                rows[1]++; // the history every model learns from: nothing to evaluate, nothing wrong
                return;
            }
            forecastRows.add(s);
            sales.computeIfAbsent(s.productId(), k -> new HashMap<>()).computeIfAbsent(s.periodStart(), k -> new HashMap<>())
                    .merge(s.region() == null ? "" : s.region(), s.units(), Long::sum);
        });
        // quarantined rows in the order a sorted read gives them: product, region, period
        forecastRows.sort(Comparator.comparing(SalesRecord::productId)
                .thenComparing(SalesRecord::region, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(SalesRecord::periodStart));
        List<EvaluatedForecast> evaluations = new ArrayList<>();
        Set<String> joinedRows = new HashSet<>();
        forecasts.forEach((productId, ofProduct) -> {
            Map<LocalDate, Map<String, Long>> byPeriod = sales.getOrDefault(productId, Map.of());
            for (CapturedForecast f : ofProduct) {
                for (CapturedForecast.Period p : f.periods()) {
                    Map<String, Long> regions = byPeriod.get(p.periodStart());
                    if (regions == null) {
                        continue; // not sold yet (or not reported yet): this period waits for a later version
                    }
                    Long units;
                    if (f.region() == null) { // a forecast without region is the product's total
                        units = regions.values().stream().mapToLong(Long::longValue).sum();
                        regions.keySet().forEach(r -> joinedRows.add(productId + '\u0000' + p.periodStart() + '\u0000' + r));
                    } else {
                        units = regions.get(f.region());
                        if (units != null) {
                            joinedRows.add(productId + '\u0000' + p.periodStart() + '\u0000' + f.region());
                        }
                    }
                    if (units != null) {
                        evaluations.add(evaluation(f, p, units, products.get(productId), cohortAttribute));
                    }
                }
            }
        });
        List<QuarantinedRow> quarantined = new ArrayList<>();
        for (SalesRecord s : forecastRows) {
            String region = s.region() == null ? "" : s.region();
            if (!joinedRows.contains(s.productId() + '\u0000' + s.periodStart() + '\u0000' + region)) {
                quarantined.add(new QuarantinedRow(s.productId(), s.region(), s.periodStart(), s.units(),
                        unmatchedReason(forecasts.get(s.productId()), s)));
            }
        }
        return new Result(evaluations, quarantined, rows[0], joinedRows.size(), rows[1]);
    }

    /** An evaluated forecast period; its cohort is the forecast's attribute, else the product's (if known). */
    static EvaluatedForecast evaluation(CapturedForecast f, CapturedForecast.Period p, double units, Product product,
            String cohortAttribute) {
        String cohort = f.attributes().get(cohortAttribute);
        if (cohort == null && product != null) {
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
}

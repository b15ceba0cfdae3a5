package io.launchcast.monitor.quality;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;

/**
 * Pooled forecast quality of a set of evaluated periods, as Amazon Forecast defines the metrics: WAPE =
 * Σ|actual − mean| / Σ|actual|; wQL(τ) = 2 Σ [τ·max(actual − q, 0) + (1 − τ)·max(q − actual, 0)] / Σ|actual|, and
 * its mean over the quantiles; plus bias = Σ(mean − actual) / Σ|actual| (positive: over-forecast) and the share of
 * actuals inside the [lower, upper] quantile interval. A figure whose denominator is zero is null, not 0 or NaN.
 *
 * @param count evaluated periods
 * @param actualUnits Σ actual
 * @param forecastUnits Σ mean forecast
 * @param wape weighted absolute percentage error, a fraction
 * @param bias signed relative error of the totals
 * @param wql weighted quantile loss per quantile label
 * @param meanWql average of {@code wql}
 * @param coverage share of actuals within the interval, of the periods that have both ends
 */
public record QualityFigures(long count, double actualUnits, double forecastUnits, Double wape, Double bias,
        Map<String, Double> wql, Double meanWql, Double coverage) {

    private static final java.util.regex.Pattern LABEL = java.util.regex.Pattern.compile("p(\\d+(?:\\.\\d+)?)");

    /**
     * What the figures are computed from, summed over the evaluated periods: any set of evaluations reduces to
     * these, in memory or as SQL aggregates over a store on disk.
     *
     * @param count evaluated periods
     * @param actual Σ actual
     * @param forecast Σ mean forecast
     * @param absoluteError Σ |actual − mean|
     * @param withInterval periods whose forecast has both ends of the interval
     * @param inside of those, the periods whose actual lies within it
     * @param loss Σ quantile loss τ·max(actual − q, 0) + (1 − τ)·max(q − actual, 0) per quantile label
     */
    public record Totals(long count, double actual, double forecast, double absoluteError, long withInterval,
            long inside, Map<String, Double> loss) {
    }

    /** The figures of {@code points}; {@code lower} and {@code upper} name the interval's quantiles. */
    public static QualityFigures of(Collection<EvaluatedForecast> points, String lower, String upper) {
        double actual = 0;
        double forecast = 0;
        double absoluteError = 0;
        long inside = 0;
        long withInterval = 0;
        Map<String, Double> loss = new TreeMap<>();
        for (EvaluatedForecast p : points) {
            actual += p.actual();
            forecast += p.mean();
            absoluteError += Math.abs(p.actual() - p.mean());
            p.quantiles().forEach((label, q) -> {
                Double tau = level(label);
                if (tau != null) {
                    double l = tau * Math.max(p.actual() - q, 0) + (1 - tau) * Math.max(q - p.actual(), 0);
                    loss.merge(label, l, Double::sum);
                }
            });
            Double lo = p.quantiles().get(lower);
            Double hi = p.quantiles().get(upper);
            if (lo != null && hi != null) {
                withInterval++;
                inside += lo <= p.actual() && p.actual() <= hi ? 1 : 0;
            }
        }
        return of(new Totals(points.size(), actual, forecast, absoluteError, withInterval, inside, loss));
    }

    /** The figures of what {@code totals} summed. */
    public static QualityFigures of(Totals totals) {
        // units are never negative (ingestion rejects them), so Σ|actual| = Σ actual
        double denominator = totals.actual();
        Map<String, Double> wql = new TreeMap<>(java.util.Comparator.comparing(QualityFigures::level));
        if (denominator > 0) {
            totals.loss().forEach((label, l) -> wql.put(label, 2 * l / denominator));
        }
        Double meanWql = wql.isEmpty() ? null : wql.values().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        return new QualityFigures(totals.count(), denominator, totals.forecast(),
                denominator > 0 ? totals.absoluteError() / denominator : null,
                denominator > 0 ? (totals.forecast() - denominator) / denominator : null, wql, meanWql,
                totals.withInterval() > 0 ? (double) totals.inside() / totals.withInterval() : null);
    }

    /** The quantile level of a label ({@code p10} → 0.10), or null when the label is not a quantile. */
    static Double level(String label) {
        Matcher m = LABEL.matcher(label);
        return m.matches() ? Double.parseDouble(m.group(1)) / 100 : null;
    }
}

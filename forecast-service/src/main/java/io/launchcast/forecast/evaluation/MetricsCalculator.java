package io.launchcast.forecast.evaluation;

import io.launchcast.forecast.model.ProductForecast;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** Computes {@link Metrics} from forecasts and the actual curves they forecast. */
public final class MetricsCalculator {

    /** A forecast and the actual units of the same product and periods. */
    public record Scored(ProductForecast forecast, double[] actual, String cohort) {
    }

    private MetricsCalculator() {
    }

    /** Pooled metrics over every cell of {@code scored}. */
    /** Pooled WAPE (percent) over the first {@code periods} periods of each curve. */
    public static double wapeOfFirst(List<Scored> scored, int periods) {
        double error = 0;
        double total = 0;
        for (Scored s : scored) {
            double[] mean = s.forecast().mean();
            for (int h = 0; h < Math.min(periods, s.actual().length); h++) {
                error += Math.abs(s.actual()[h] - mean[h]);
                total += Math.abs(s.actual()[h]);
            }
        }
        return total == 0 ? Double.NaN : 100 * error / total;
    }

    public static Metrics compute(List<Scored> scored) {
        if (scored.isEmpty()) {
            return new Metrics(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Map.of(), Double.NaN,
                    Double.NaN);
        }
        List<Double> levels = scored.get(0).forecast().quantileLevels();
        double absErr = 0;
        double sqErr = 0;
        double sumY = 0;
        double sumF = 0;
        double apeSum = 0;
        long apeCount = 0;
        long cells = 0;
        long inside = 0;
        double[] pinball = new double[levels.size()];
        for (Scored s : scored) {
            double[] mean = s.forecast().mean();
            double[][] q = s.forecast().quantiles();
            for (int h = 0; h < s.actual().length; h++) {
                double y = s.actual()[h];
                double e = y - mean[h];
                absErr += Math.abs(e);
                sqErr += e * e;
                sumY += Math.abs(y);
                sumF += mean[h];
                if (y > 0) {
                    apeSum += Math.abs(e) / y;
                    apeCount++;
                }
                for (int i = 0; i < levels.size(); i++) {
                    double tau = levels.get(i);
                    double d = y - q[i][h];
                    pinball[i] += d >= 0 ? tau * d : (tau - 1) * d;
                }
                if (!levels.isEmpty() && y >= q[0][h] && y <= q[levels.size() - 1][h]) {
                    inside++;
                }
                cells++;
            }
        }
        Map<Double, Double> wql = new TreeMap<>();
        double wqlSum = 0;
        for (int i = 0; i < levels.size(); i++) {
            double v = sumY == 0 ? Double.NaN : 2 * pinball[i] / sumY;
            wql.put(levels.get(i), v);
            wqlSum += v;
        }
        return new Metrics(cells, sumY == 0 ? Double.NaN : 100 * absErr / sumY, absErr / cells,
                Math.sqrt(sqErr / cells), apeCount == 0 ? Double.NaN : 100 * apeSum / apeCount,
                sumY == 0 ? Double.NaN : 100 * (sumF - sumY) / sumY, wql,
                levels.isEmpty() ? Double.NaN : wqlSum / levels.size(), 100.0 * inside / cells);
    }

    /** Metrics per cohort value (e.g. per category), ordered by cohort. */
    public static Map<String, Metrics> byCohort(List<Scored> scored) {
        return byKey(scored, Scored::cohort);
    }

    private static Map<String, Metrics> byKey(List<Scored> scored, Function<Scored, String> key) {
        Map<String, List<Scored>> groups = new TreeMap<>();
        for (Scored s : scored) {
            groups.computeIfAbsent(String.valueOf(key.apply(s)), k -> new ArrayList<>()).add(s);
        }
        Map<String, Metrics> out = new LinkedHashMap<>();
        groups.forEach((k, v) -> out.put(k, compute(v)));
        return out;
    }
}

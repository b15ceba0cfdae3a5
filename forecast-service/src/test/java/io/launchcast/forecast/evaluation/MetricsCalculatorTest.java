package io.launchcast.forecast.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.launchcast.forecast.model.Explanation;
import io.launchcast.forecast.model.ProductForecast;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsCalculatorTest {

    private static MetricsCalculator.Scored scored(String id, double[] mean, double[] lo, double[] hi, double[] actual,
                                                   String cohort) {
        ProductForecast f = new ProductForecast(id, "m", mean, List.of(0.1, 0.9), new double[][] {lo, hi},
                Explanation.EMPTY);
        return new MetricsCalculator.Scored(f, actual, cohort);
    }

    @Test
    void poolsErrorsOverAllCellsAsAmazonForecastDefinesThem() {
        var a = scored("a", new double[] {10, 10}, new double[] {5, 5}, new double[] {15, 15}, new double[] {20, 10}, "x");
        var b = scored("b", new double[] {4, 0}, new double[] {2, 0}, new double[] {6, 1}, new double[] {2, 0}, "y");

        Metrics m = MetricsCalculator.compute(List.of(a, b));

        // |20-10| + 0 + |2-4| + 0 = 12 over 32 units
        assertThat(m.wape()).isCloseTo(100 * 12.0 / 32, within(1e-9));
        assertThat(m.mae()).isCloseTo(3.0, within(1e-9));
        assertThat(m.bias()).isCloseTo(100 * (24.0 - 32) / 32, within(1e-9));
        assertThat(m.rmse()).isCloseTo(Math.sqrt((100 + 4) / 4.0), within(1e-9));
        // y=20 above p90=15: 0.9*5; y=2 at p10=2: 0 ; for p10: y=20 over 5: 0.1*15, y=10 over 5: 0.1*5, y=0 at 0
        assertThat(m.wql().get(0.9)).isCloseTo(2 * (0.9 * 5 + 0.1 * 5 + 0.1 * 4 + 0.1 * 1) / 32, within(1e-9));
        assertThat(m.wql().get(0.1)).isCloseTo(2 * (0.1 * 15 + 0.1 * 5) / 32, within(1e-9));
        // inside [p10, p90]: (a,2), (b,1), (b,2); (a,1) is above
        assertThat(m.coverage()).isCloseTo(75.0, within(1e-9));
        // MAPE skips the zero actual
        assertThat(m.mape()).isCloseTo(100 * (0.5 + 0 + 1.0) / 3, within(1e-9));
    }

    @Test
    void breaksMetricsDownByCohort() {
        var a = scored("a", new double[] {10}, new double[] {5}, new double[] {15}, new double[] {20}, "x");
        var b = scored("b", new double[] {4}, new double[] {2}, new double[] {6}, new double[] {4}, "y");

        Map<String, Metrics> byCohort = MetricsCalculator.byCohort(List.of(a, b));

        assertThat(byCohort).containsOnlyKeys("x", "y");
        assertThat(byCohort.get("x").wape()).isCloseTo(50.0, within(1e-9));
        assertThat(byCohort.get("y").wape()).isCloseTo(0.0, within(1e-9));
    }
}

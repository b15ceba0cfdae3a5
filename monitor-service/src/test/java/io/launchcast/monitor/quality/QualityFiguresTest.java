package io.launchcast.monitor.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QualityFiguresTest {

    private static EvaluatedForecast point(double actual, double mean, double p10, double p90) {
        return new EvaluatedForecast("1", "p", null, null, 1, LocalDate.of(2027, 3, 1), "i", Instant.EPOCH, actual,
                mean, Map.of("p10", p10, "p50", mean, "p90", p90));
    }

    @Test
    void poolsWapeBiasQuantileLossAndCoverageAsAmazonForecastDefinesThem() {
        List<EvaluatedForecast> points = List.of(point(12, 10, 5, 15), point(8, 10, 5, 15), point(20, 20, 10, 30),
                point(30, 20, 10, 30), point(1, 4, 2, 6));

        QualityFigures f = QualityFigures.of(points, "p10", "p90");

        // Σ|a - mean| = 2 + 2 + 0 + 10 + 3 = 17, Σa = 71, Σmean = 64
        assertThat(f.count()).isEqualTo(5);
        assertThat(f.wape()).isCloseTo(17.0 / 71, within(1e-12));
        assertThat(f.bias()).isCloseTo((64.0 - 71) / 71, within(1e-12));
        // p10 loss: 0.1·7 + 0.1·3 + 0.1·10 + 0.1·20 + 0.9·1 = 4.9
        assertThat(f.wql().get("p10")).isCloseTo(2 * 4.9 / 71, within(1e-12));
        // p90 loss: 0.1·3 + 0.1·7 + 0.1·10 + 0 + 0.1·5 = 2.5
        assertThat(f.wql().get("p90")).isCloseTo(2 * 2.5 / 71, within(1e-12));
        assertThat(f.wql()).containsOnlyKeys("p10", "p50", "p90");
        assertThat(List.copyOf(f.wql().keySet())).containsExactly("p10", "p50", "p90");
        assertThat(f.meanWql()).isCloseTo(f.wql().values().stream().mapToDouble(Double::doubleValue).average()
                .orElseThrow(), within(1e-12));
        assertThat(f.coverage()).isCloseTo(0.8, within(1e-12)); // the last actual lies below its p10
    }

    @Test
    void figuresWithoutActualUnitsAreAbsentNotZero() {
        QualityFigures f = QualityFigures.of(List.of(point(0, 3, 1, 5)), "p10", "p90");

        assertThat(f.wape()).isNull();
        assertThat(f.bias()).isNull();
        assertThat(f.meanWql()).isNull();
        assertThat(f.coverage()).isZero();
        assertThat(QualityFigures.of(List.of(), "p10", "p90").coverage()).isNull();
    }

    @Test
    void readsQuantileLevelsFromLabels() {
        assertThat(QualityFigures.level("p10")).isEqualTo(0.1);
        assertThat(QualityFigures.level("p97.5")).isCloseTo(0.975, within(1e-12));
        assertThat(QualityFigures.level("median")).isNull();
    }
}

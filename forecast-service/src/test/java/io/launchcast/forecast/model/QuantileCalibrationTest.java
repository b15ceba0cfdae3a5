package io.launchcast.forecast.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class QuantileCalibrationTest {

    @Test
    void coversTheHeldOutRatiosAndNeverCrosses() {
        Random random = new Random(1);
        List<double[]> forecasts = new ArrayList<>();
        List<double[]> actuals = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            forecasts.add(new double[] {10, 5});
            actuals.add(new double[] {10 * Math.exp(random.nextGaussian()), 5 * Math.exp(0.2 * random.nextGaussian())});
        }

        QuantileCalibration calibration = QuantileCalibration.fit(forecasts, actuals, List.of(0.1, 0.5, 0.9), 2);
        double[][] q = calibration.apply(new double[] {10, 5});

        int inside = 0;
        for (double[] a : actuals) {
            inside += a[0] >= q[0][0] && a[0] <= q[2][0] ? 1 : 0;
        }
        assertThat(inside / 500.0).isBetween(0.78, 0.82);
        // period 1 is less noisy, so its interval is narrower, relative to the forecast
        assertThat((q[2][1] - q[0][1]) / 5).isLessThan((q[2][0] - q[0][0]) / 10);
        for (int h = 0; h < 2; h++) {
            assertThat(q[0][h]).isLessThanOrEqualTo(q[1][h]);
            assertThat(q[1][h]).isLessThanOrEqualTo(q[2][h]);
        }
    }

    @Test
    void periodsWithTooFewCellsBorrowPooledRatios() {
        List<double[]> forecasts = new ArrayList<>();
        List<double[]> actuals = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            forecasts.add(new double[] {10, 0});
            actuals.add(new double[] {i % 2 == 0 ? 5 : 15, 3});
        }

        QuantileCalibration calibration = QuantileCalibration.fit(forecasts, actuals, List.of(0.1, 0.9), 2);

        assertThat(calibration.ratios()[0][1]).isEqualTo(calibration.ratios()[0][0]);
        assertThat(calibration.ratios()[1][1]).isEqualTo(calibration.ratios()[1][0]);
    }
}

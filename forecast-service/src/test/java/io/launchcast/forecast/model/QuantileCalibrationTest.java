package io.launchcast.forecast.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

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
    void smallAndLargeForecastsEachGetTheirOwnRatiosSoBothAreCovered() {
        // small forecasts stray far (a carton or nothing), large ones little: one pool of ratios would cover
        // the large ones almost always, with intervals far too wide, and the small ones too rarely
        Random random = new Random(3);
        List<double[]> forecasts = new ArrayList<>();
        List<double[]> actuals = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            double f = Math.exp(random.nextDouble() * Math.log(1000)) / 10; // 0.1 .. 100, log-uniform
            double spread = f < 1 ? 1.5 : f > 10 ? 0.2 : 0.6;
            forecasts.add(new double[] {f});
            actuals.add(new double[] {f * Math.exp(spread * random.nextGaussian())});
        }

        QuantileCalibration classed = QuantileCalibration.fit(forecasts, actuals, List.of(0.1, 0.5, 0.9), 1);
        QuantileCalibration pooled = new QuantileCalibration(classed.levels(), classed.ratios(), classed.reported(), null,
                classed.offset());

        assertThat(classed.sizeClasses()).isNotNull();
        double[] bounds = classed.sizeClasses().upperBounds();
        assertThat(coverage(classed, forecasts, actuals, 0, bounds[0])).isBetween(0.74, 0.86);
        assertThat(coverage(classed, forecasts, actuals, bounds[bounds.length - 1], 1000)).isBetween(0.74, 0.86);
        // one pool misses 80 % by far in the small or the large forecasts
        double pooledSmall = coverage(pooled, forecasts, actuals, 0, bounds[0]);
        double pooledLarge = coverage(pooled, forecasts, actuals, bounds[bounds.length - 1], 1000);
        assertThat(Math.max(Math.abs(pooledSmall - 0.8), Math.abs(pooledLarge - 0.8))).isGreaterThan(0.1);
        double[][] large = classed.apply(new double[] {50});
        assertThat(large[0][0]).isLessThanOrEqualTo(large[1][0]);
        assertThat(large[1][0]).isLessThanOrEqualTo(large[2][0]);
    }

    @Test
    void fewHeldOutCellsMakeNoSizeClasses() {
        List<double[]> forecasts = new ArrayList<>();
        List<double[]> actuals = new ArrayList<>();
        for (int i = 0; i < QuantileCalibration.MIN_CLASS_CELLS * 2 - 1; i++) {
            forecasts.add(new double[] {1 + i});
            actuals.add(new double[] {i});
        }

        assertThat(QuantileCalibration.fit(forecasts, actuals, List.of(0.1, 0.9), 1).sizeClasses()).isNull();
    }

    @Test
    void noSizeClassIsLeftWithoutCellsWhenForecastsRepeat() {
        // a global curve forecasts every launch of a fold alike: its held-out forecasts are a few values, each
        // repeated hundreds of times; cut at quantiles, a class above the largest value was left without cells,
        // and a later, larger forecast fell in it and got an interval of width 0 (every level its mean)
        Random random = new Random(5);
        double[][] foldCurves = {{69, 82, 84}, {53, 82, 82}};
        int[] foldSizes = {319, 98};
        List<double[]> forecasts = new ArrayList<>();
        List<double[]> actuals = new ArrayList<>();
        List<Integer> folds = new ArrayList<>();
        for (int f = 0; f < foldCurves.length; f++) {
            for (int i = 0; i < foldSizes[f]; i++) {
                double[] actual = new double[3];
                for (int h = 0; h < 3; h++) {
                    actual[h] = foldCurves[f][h] * Math.exp(random.nextGaussian());
                }
                forecasts.add(foldCurves[f]);
                actuals.add(actual);
                folds.add(f);
            }
        }

        QuantileCalibration calibration = QuantileCalibration.fit(forecasts, actuals,
                folds.stream().mapToInt(Integer::intValue).toArray(), List.of(0.1, 0.5, 0.9), 3);

        for (double[] later : List.of(new double[] {152, 179, 151}, new double[] {83, 83, 83})) {
            double[][] q = calibration.apply(later);
            for (int h = 0; h < 3; h++) {
                assertThat(q[2][h] - q[0][h]).as("interval of " + later[h]).isGreaterThan(later[h] * 0.5);
            }
        }
        QuantileCalibration.SizeClasses classes = calibration.sizeClasses();
        if (classes != null) {
            for (int c = 0; c <= classes.upperBounds().length; c++) {
                int cls = c;
                long members = forecasts.stream().flatMapToDouble(java.util.Arrays::stream)
                        .filter(v -> classes.classOf(v) == cls).count();
                assertThat(members).as("cells of class " + c).isGreaterThanOrEqualTo(QuantileCalibration.MIN_CELLS);
            }
        }
    }

    private static double coverage(QuantileCalibration calibration, List<double[]> forecasts, List<double[]> actuals,
            double from, double to) {
        int inside = 0;
        int cells = 0;
        for (int i = 0; i < forecasts.size(); i++) {
            double f = forecasts.get(i)[0];
            if (f >= from && f < to) {
                double[][] q = calibration.apply(forecasts.get(i));
                double y = actuals.get(i)[0];
                inside += y >= q[0][0] && y <= q[2][0] ? 1 : 0;
                cells++;
            }
        }
        return inside / (double) cells;
    }

    @Test
    void periodsWithTooFewCellsBorrowPooledRatios() {
        // large forecasts are all of the first period (a launch's peak), so the class of large forecasts holds
        // no cell of the second period: it borrows the class's ratios pooled over periods
        List<double[]> forecasts = new ArrayList<>();
        List<double[]> actuals = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            forecasts.add(new double[] {100 + i, 1 + i % 7});
            actuals.add(new double[] {i % 2 == 0 ? 80 + i : 120 + i, i % 3});
        }

        QuantileCalibration calibration = QuantileCalibration.fit(forecasts, actuals, List.of(0.1, 0.9), 2);

        double[][] large = calibration.sizeClasses().ratios()[calibration.sizeClasses().ratios().length - 1];
        assertThat(large[0][1]).isEqualTo(large[0][0]);
        assertThat(large[1][1]).isEqualTo(large[1][0]);
    }

    @Test
    void theTailsAreCalibratedTooAndAnyLevelBetweenIsAnsweredWithoutCrossing() {
        Random random = new Random(3);
        List<double[]> forecasts = new ArrayList<>();
        List<double[]> actuals = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            forecasts.add(new double[] {10});
            actuals.add(new double[] {10 * Math.exp(random.nextGaussian())});
        }

        QuantileCalibration calibration = QuantileCalibration.fit(forecasts, actuals, List.of(0.1, 0.5, 0.9), 1);
        List<Double> wanted = List.of(0.05, 0.1, 0.25, 0.3, 0.5, 0.75, 0.9, 0.95);
        double[][] rows = calibration.apply(new double[] {10}, wanted);

        assertThat(calibration.reported()).as("what forecasts carry by default").containsExactly(0.1, 0.5, 0.9);
        assertThat(calibration.lowest()).isEqualTo(0.05);
        assertThat(calibration.highest()).isEqualTo(0.95);
        assertThat(calibration.apply(new double[] {10})).hasNumberOfRows(3);
        for (int w = 1; w < wanted.size(); w++) {
            assertThat(rows[w][0]).as("q%s >= q%s", wanted.get(w), wanted.get(w - 1))
                    .isGreaterThanOrEqualTo(rows[w - 1][0]);
        }
        // a calibrated level answers its own ratio; one between is the straight line between its neighbours
        assertThat(rows[1][0]).isEqualTo(calibration.apply(new double[] {10})[0][0]);
        assertThat(rows[3][0]).isCloseTo(rows[1][0] + (0.3 - 0.1) / (0.5 - 0.1) * (rows[4][0] - rows[1][0]),
                within(1e-9));
        long belowTail = actuals.stream().filter(a -> a[0] < rows[0][0]).count();
        assertThat(belowTail / 2000.0).isBetween(0.03, 0.07);
        assertThatThrownBy(() -> calibration.apply(new double[] {10}, List.of(0.01)))
                .hasMessageContaining("outside");
    }

    @Test
    void aZeroForecastGetsAnIntervalFromWhatZeroForecastsWereMetBy() {
        // a median curve of lumpy sales forecasts 0 in many periods; half of those periods then sell a few units.
        // A ratio to 0 is no ratio at all: the interval must come from the actuals such forecasts met, not [0, 0]
        Random random = new Random(5);
        List<double[]> forecasts = new ArrayList<>();
        List<double[]> actuals = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            boolean zero = i % 2 == 0;
            double f = zero ? 0 : 5 + 10 * random.nextDouble();
            forecasts.add(new double[] {f});
            double sold = random.nextBoolean() ? 0 : 1 + random.nextInt(20);
            actuals.add(new double[] {zero ? sold : f * Math.exp(0.5 * random.nextGaussian())});
        }

        QuantileCalibration calibration = QuantileCalibration.fit(forecasts, actuals, List.of(0.1, 0.5, 0.9), 1);

        assertThat(calibration.apply(new double[] {0})[2][0]).as("p90 of a zero forecast").isGreaterThan(5);
        assertThat(coverage(calibration, forecasts, actuals, 0, 1e-9)).isBetween(0.75, 0.95);
        assertThat(coverage(calibration, forecasts, actuals, 1, 100)).isBetween(0.7, 0.9);
    }

    @Test
    void errorsOfAConstantSizeGetIntervalsOfAConstantWidthNotOnesProportionalToTheForecast() {
        // actuals stray from the forecast by the same few units whatever its size: a ratio to the forecast gives
        // the small forecasts intervals far too narrow and the large ones far too wide; the calibration must see
        // that on the held-out cells and widen the scale it measures errors on
        Random random = new Random(7);
        List<double[]> forecasts = new ArrayList<>();
        List<double[]> actuals = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            double f = 0.5 + 20 * random.nextDouble();
            forecasts.add(new double[] {f});
            actuals.add(new double[] {Math.max(0, f + 3 * random.nextGaussian())});
        }

        QuantileCalibration calibration = QuantileCalibration.fit(forecasts, actuals, List.of(0.1, 0.5, 0.9), 1);

        assertThat(calibration.sizeClasses()).as("few cells: one pool").isNull();
        assertThat(coverage(calibration, forecasts, actuals, 0, 4)).isBetween(0.7, 0.92);
        assertThat(coverage(calibration, forecasts, actuals, 15, 100)).isBetween(0.7, 0.9);
        double[][] small = calibration.apply(new double[] {2});
        double[][] large = calibration.apply(new double[] {20});
        assertThat(large[2][0] - large[0][0]).isLessThan(2.5 * (small[2][0] - small[0][0]));
    }

    @Test
    void theScaleIsChosenOnHowQuantilesFittedOnOneFoldCarryOverToTheOtherAtItsNewLevel() {
        // within each fold the forecasts rank launches poorly (sales do not follow them), so a band of fixed
        // width fits each fold's own cells best; but the later fold's level tripled, forecasts and sales alike,
        // and only ratios to the forecast carry over to it. Chosen in-sample, the band would be taken
        Random random = new Random(13);
        List<double[]> forecasts = new ArrayList<>();
        List<double[]> actuals = new ArrayList<>();
        int[] foldOf = new int[500];
        for (int i = 0; i < 500; i++) {
            foldOf[i] = i < 250 ? 0 : 1;
            double level = foldOf[i] == 0 ? 1 : 3;
            forecasts.add(new double[] {level * (2 + 18 * random.nextDouble())});
            actuals.add(new double[] {level * 10 * Math.exp(0.3 * random.nextGaussian())});
        }

        QuantileCalibration crossFitted = QuantileCalibration.fit(forecasts, actuals, foldOf, List.of(0.1, 0.5, 0.9),
                1);
        QuantileCalibration inSample = QuantileCalibration.fit(forecasts, actuals, new int[500],
                List.of(0.1, 0.5, 0.9), 1);

        assertThat(inSample.offset()).isPositive();
        assertThat(crossFitted.offset()).isLessThan(inSample.offset());
    }

    @Test
    void aModelsQuantilesAreAveragedWithUnconditionalOnesAsFarAsValidationAsks() {
        // sales follow a launch's own level; one model knows it, another only roughly (a forecast off by a factor
        // of e either way as often as not), and the global curve forecasts every launch alike
        Random random = new Random(17);
        List<double[]> sharp = new ArrayList<>();
        List<double[]> rough = new ArrayList<>();
        List<double[]> global = new ArrayList<>();
        List<double[]> actuals = new ArrayList<>();
        int[] foldOf = new int[1200];
        for (int i = 0; i < 1200; i++) {
            foldOf[i] = i % 2;
            double level = 20 * Math.exp(random.nextGaussian());
            sharp.add(new double[] {level});
            rough.add(new double[] {level * Math.exp(1.5 * random.nextGaussian())});
            global.add(new double[] {33});
            actuals.add(new double[] {level * Math.exp(0.3 * random.nextGaussian())});
        }
        List<Double> levels = List.of(0.1, 0.5, 0.9);

        QuantileCalibration.Mix forSharp = QuantileCalibration.chooseMix(sharp, global, actuals, foldOf, levels, 1);
        QuantileCalibration.Mix forRough = QuantileCalibration.chooseMix(rough, global, actuals, foldOf, levels, 1);

        assertThat(forSharp.ownWeight()).isEqualTo(1.0);
        // folds alike: what intervals calibrated on one fold cover of the other is about the nominal 80 %
        assertThat(forSharp.coverage()).isBetween(75.0, 85.0);
        assertThat(forRough.ownWeight()).isLessThan(1.0);
        assertThat(forRough.lossByOwnWeight().get(forRough.ownWeight()))
                .isLessThan(forRough.lossByOwnWeight().get(1.0));
        assertThat(forRough.lossByOwnWeight()).containsKeys(1.0, 0.75, 0.5, 0.25, 0.0);
    }

    @Test
    void mixedQuantilesAreTheWeightedAverageAtEveryLevelAndNeverCross() {
        Random random = new Random(19);
        List<double[]> forecasts = new ArrayList<>();
        List<double[]> actuals = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            double f = 1 + 40 * random.nextDouble();
            forecasts.add(new double[] {f, f / 2});
            actuals.add(new double[] {f * Math.exp(0.5 * random.nextGaussian()), f / 2 * Math.exp(random.nextGaussian())});
        }
        QuantileCalibration own = QuantileCalibration.fit(forecasts, actuals, List.of(0.1, 0.5, 0.9), 2);
        QuantileCalibration partner = QuantileCalibration.fit(forecasts.stream().map(f -> new double[] {20, 10})
                .toList(), actuals, List.of(0.1, 0.5, 0.9), 2);

        QuantileCalibration mixed = own.mixedWith(0.25, partner, new double[] {20, 10});

        List<Double> wanted = List.of(0.05, 0.1, 0.3, 0.5, 0.9, 0.95);
        double[] forecast = {35, 3};
        double[][] a = own.apply(forecast, wanted);
        double[][] b = partner.apply(new double[] {20, 10}, wanted);
        double[][] q = mixed.apply(forecast, wanted);
        for (int h = 0; h < 2; h++) {
            for (int w = 0; w < wanted.size(); w++) {
                assertThat(q[w][h]).isCloseTo(0.25 * a[w][h] + 0.75 * b[w][h], within(1e-9));
                if (w > 0) {
                    assertThat(q[w][h]).isGreaterThanOrEqualTo(q[w - 1][h]);
                }
            }
        }
        assertThat(mixed.unmixed().apply(forecast, wanted)).isDeepEqualTo(a);
        assertThat(own.mixedWith(1.0, partner, new double[] {20, 10}).unconditional()).isNull();
    }
}

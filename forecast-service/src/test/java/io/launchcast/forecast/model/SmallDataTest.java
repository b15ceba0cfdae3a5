package io.launchcast.forecast.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchcast.forecast.evaluation.MetricsCalculator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Training on 200 launches must still work: what the selection registers is never worse than the plain mean
 * curve on later launches, whether the attributes carry a signal or none.
 */
class SmallDataTest {

    private static double wape(ForecastTrainer.Result result, String model, List<LaunchExample> test) {
        List<MetricsCalculator.Scored> scored = new ArrayList<>();
        for (LaunchExample e : test) {
            scored.add(new MetricsCalculator.Scored(result.model(model).forecast(e, false), e.actual(), null));
        }
        return MetricsCalculator.compute(scored).wape();
    }

    @Test
    void withoutSignalTheRegisteredModelIsNoWorseThanTheMeanCurve() {
        SyntheticLaunches data = new SyntheticLaunches(500, 200, 7, false);

        ForecastTrainer.Result result = new ForecastTrainer(SyntheticLaunches.settings(42)).train(data.fit,
                data.history, SyntheticLaunches.baselines());

        // a model fitted to noise would lose to the mean curve; the selection must see that on validation
        assertThat(wape(result, "ensemble", data.test)).as("chosen: " + result.learned().get("selection.chosen"))
                .isLessThanOrEqualTo(wape(result, "mean-curve", data.test) + 1.0);
    }

    @Test
    void withASignalTwoHundredLaunchesAreEnoughToBeatTheMeanCurve() {
        SyntheticLaunches data = new SyntheticLaunches(500, 200, 7, true);

        ForecastTrainer.Result result = new ForecastTrainer(SyntheticLaunches.settings(42)).train(data.fit,
                data.history, SyntheticLaunches.baselines());

        assertThat(wape(result, "ensemble", data.test)).as("chosen: " + result.learned().get("selection.chosen"))
                .isLessThan(wape(result, "mean-curve", data.test) - 10);
    }
}

package io.launchcast.forecast.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchcast.features.compute.FeatureDefinitions;
import io.launchcast.features.dataset.DatasetManifest;
import io.launchcast.features.dataset.Period;
import io.launchcast.features.dataset.PeriodAnchor;
import io.launchcast.forecast.model.CalibratedModel;
import io.launchcast.forecast.model.MeanCurveModel;
import io.launchcast.forecast.model.ProductForecast;
import io.launchcast.forecast.model.QuantileCalibration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TrainedServingModelTest {

    @Test
    void aRequestMayGiveTheFreeTextAttributesTheModelLearnedFromAsWellAsItsCategories() {
        DatasetManifest manifest = new DatasetManifest("shop", "1", Period.WEEK, PeriodAnchor.CALENDAR,
                List.of("family", "description"), List.of("description"), "0".repeat(64));
        FeatureDefinitions definitions = FeatureDefinitions.forDataset(manifest, 8);

        TrainedServingModel model = new TrainedServingModel("1", null, null, definitions, Map.of());

        assertThat(model.attributes()).containsExactly("family", "description");
    }

    @Test
    void onlyCategoriesAreCheckedForUnseenValuesNotADescriptionOrASize() {
        DatasetManifest manifest = new DatasetManifest("shop", "1", Period.WEEK, PeriodAnchor.CALENDAR,
                List.of("family", "description", "pack"), List.of("description"), List.of("pack"), "0".repeat(64));

        TrainedServingModel model = new TrainedServingModel("1", null, null,
                FeatureDefinitions.forDataset(manifest, 8), Map.of());

        assertThat(model.attributes()).containsExactly("family", "description", "pack");
        assertThat(model.categoricalAttributes()).containsExactly("family");
    }

    @Test
    void theTailsBeyondTheReportedLevelsAreAnsweredFromTheCalibrationWithoutCrossing() {
        // issue 13: a request for 0.05 or 0.95 was refused; the calibration covers them, so the model offers them
        Random random = new Random(4);
        List<double[]> forecasts = new ArrayList<>();
        List<double[]> actuals = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            forecasts.add(new double[] {10, 8});
            actuals.add(new double[] {10 * Math.exp(random.nextGaussian()), 8 * Math.exp(random.nextGaussian())});
        }
        QuantileCalibration calibration = QuantileCalibration.fit(forecasts, actuals, List.of(0.1, 0.5, 0.9), 2);
        DatasetManifest manifest = new DatasetManifest("shop", "1", Period.WEEK, PeriodAnchor.CALENDAR,
                List.of("family"), "0".repeat(64));
        TrainedServingModel model = new TrainedServingModel("1", new CalibratedModel(
                MeanCurveModel.global(new double[] {10, 8}), calibration, Duration.ZERO), null,
                FeatureDefinitions.forDataset(manifest, 2), Map.of());
        ProductForecast reported = new ProductForecast("p", "1", new double[] {10, 8}, calibration.reported(),
                calibration.apply(new double[] {10, 8}), null);

        ProductForecast tails = model.withQuantiles(reported, List.of(0.05, 0.1, 0.5, 0.9, 0.95));

        assertThat(model.quantileLevels()).containsExactly(0.1, 0.5, 0.9);
        assertThat(model.quantileRange()).containsExactly(0.05, 0.95);
        for (int h = 0; h < 2; h++) {
            for (int q = 1; q < 5; q++) {
                assertThat(tails.quantiles()[q][h]).isGreaterThanOrEqualTo(tails.quantiles()[q - 1][h]);
            }
            assertThat(tails.quantiles()[0][h]).isLessThan(tails.quantiles()[1][h]);
            assertThat(tails.quantiles()[4][h]).isGreaterThan(tails.quantiles()[3][h]);
            assertThat(tails.quantiles()[1][h]).isEqualTo(reported.quantiles()[0][h]);
        }
    }
}

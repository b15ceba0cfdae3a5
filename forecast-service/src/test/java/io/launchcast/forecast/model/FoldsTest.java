package io.launchcast.forecast.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchcast.features.dataset.Period;
import io.launchcast.features.dataset.Product;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the fit launches are cut into validation folds ({@link ForecastTrainer#folds}). */
class FoldsTest {

    /** The defaults of a data project that leaves the model section out (docs/model-config.md). */
    private static final ModelSettings.Validation DEFAULTS = new ModelSettings.Validation(0.15, 2, 50, 4, 100, 200);

    /** {@code perDate} launches on each of {@code dates} weekly launch dates. */
    private static List<LaunchExample> weekly(int dates, int perDate) {
        List<LaunchExample> out = new ArrayList<>();
        for (int d = 0; d < dates; d++) {
            for (int i = 0; i < perDate; i++) {
                Product p = new Product("p%03d-%02d".formatted(d, i), LocalDate.of(2021, 1, 4).plusWeeks(d), null,
                        null, null, Map.of());
                out.add(new LaunchExample(p, null, new double[] {1}));
            }
        }
        return out;
    }

    /** {@code perDate} launches on each of {@code dates} launch dates, a quarter apart (seasonal drops). */
    private static List<LaunchExample> quarterly(int dates, int perDate) {
        List<LaunchExample> out = new ArrayList<>();
        for (int d = 0; d < dates; d++) {
            for (int i = 0; i < perDate; i++) {
                Product p = new Product("p%03d-%02d".formatted(d, i), LocalDate.of(2016, 1, 1).plusMonths(3L * d),
                        null, null, null, Map.of());
                out.add(new LaunchExample(p, null, new double[] {1}));
            }
        }
        return out;
    }

    private static List<Integer> sizes(List<ForecastTrainer.Split> folds) {
        return folds.stream().map(f -> f.latest().size()).toList();
    }

    private static List<Long> dates(List<ForecastTrainer.Split> folds) {
        return folds.stream().map(f -> f.latest().stream().map(e -> e.product().launchDate()).distinct().count())
                .toList();
    }

    @Test
    void aFoldSpansTheLeastLaunchDatesEvenWhenItsShareFitsInFewer() {
        // 20 launches a week for 20 weeks: 15 % is three weeks, a share-only fold (60 launches) three dates
        List<ForecastTrainer.Split> folds = ForecastTrainer.folds(weekly(20, 20), DEFAULTS);

        assertThat(dates(folds)).allSatisfy(d -> assertThat(d).isEqualTo(4L));
        // two folds of 80 hold 160 launches, under the 200 wanted; a third keeps 160 to train on
        assertThat(sizes(folds)).containsExactly(80, 80, 80);
        assertThat(folds).extracting(f -> f.older().size()).containsExactly(320, 240, 160);
    }

    @Test
    void onSeasonalDropsAFoldHoldingItsLaunchesIsNotWidenedPastAHorizonForMoreDates() {
        // 13 drops of 300 launches, a quarter apart, forecast 12 weeks ahead: 15 % (585) is two drops
        List<ForecastTrainer.Split> folds = ForecastTrainer.folds(quarterly(13, 300), DEFAULTS, Period.WEEK, 12);

        assertThat(dates(folds)).containsExactly(2L, 2L);
        assertThat(sizes(folds)).containsExactly(600, 600);
        // a horizon of a year lets them take the four dates their minimum asks for
        assertThat(dates(ForecastTrainer.folds(quarterly(13, 300), DEFAULTS, Period.WEEK, 53))).containsExactly(4L, 4L);
        // weekly launch dates never reach a 12-week span: the folds are what they were
        assertThat(sizes(ForecastTrainer.folds(weekly(20, 20), DEFAULTS, Period.WEEK, 12)))
                .isEqualTo(sizes(ForecastTrainer.folds(weekly(20, 20), DEFAULTS)));
    }

    @Test
    void whenTheFitLaunchesAreFewMoreFoldsAreCutWhileEachKeepsEnoughToTrainOn() {
        // 300 launches, 10 a week: two share-only folds would hold 90 launches
        List<ForecastTrainer.Split> folds = ForecastTrainer.folds(weekly(30, 10), DEFAULTS);

        assertThat(sizes(folds)).containsExactly(50, 50, 50, 50);
        assertThat(folds).extracting(f -> f.older().size()).containsExactly(250, 200, 150, 100);
    }

    @Test
    void eachFoldIsTrainedOnTheLaunchesBeforeItOnly() {
        List<ForecastTrainer.Split> folds = ForecastTrainer.folds(weekly(30, 10), DEFAULTS);

        for (ForecastTrainer.Split fold : folds) {
            LocalDate first = fold.latest().get(0).product().launchDate();
            assertThat(fold.older()).allSatisfy(e -> assertThat(e.product().launchDate()).isBefore(first));
            assertThat(fold.latest()).allSatisfy(e -> assertThat(e.product().launchDate()).isAfterOrEqualTo(first));
        }
    }

    @Test
    void theMinimumsWidenAFoldOnlyAsFarAsItsTrainingSetKeepsItsMinimum() {
        // 200 launches, 20 a week: the first fold may take four weeks (120 left to train on); the second keeps
        // its share (two weeks) though it has fewer than the least launches and dates, and no third is cut
        List<ForecastTrainer.Split> folds = ForecastTrainer.folds(weekly(10, 20), DEFAULTS);

        assertThat(sizes(folds)).containsExactly(80, 40);
        assertThat(dates(folds)).containsExactly(4L, 2L);
        assertThat(folds).extracting(f -> f.older().size()).containsExactly(120, 80);
    }

    @Test
    void launchesOfTheFirstDateAreLeftToTrainOn() {
        List<ForecastTrainer.Split> folds = ForecastTrainer.folds(weekly(3, 20), DEFAULTS);

        assertThat(sizes(folds)).containsExactly(20, 20);
        assertThat(folds.get(1).older()).hasSize(20);
        assertThat(ForecastTrainer.folds(weekly(1, 20), DEFAULTS)).isEmpty();
    }
}

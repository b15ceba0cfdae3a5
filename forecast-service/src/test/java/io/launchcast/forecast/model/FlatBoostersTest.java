package io.launchcast.forecast.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FlatBoostersTest {

    private static SyntheticLaunches data;
    private static BoostedCurveModel boosted;
    private static List<LaunchExample> all;
    private static AnalogModel analog;
    private static LevelCurveModel level;

    @BeforeAll
    static void train() {
        data = new SyntheticLaunches(300, 240, 5);
        level = new LevelCurveModel(data.history, SyntheticLaunches.HORIZON);
        analog = new AnalogModel(data.history, List.of("colour", "category"), new double[] {2, 1}, 10,
                SyntheticLaunches.HORIZON);
        boosted = BoostedCurveModel.train(data.fit, analog, level, SyntheticLaunches.settings(7));
        all = new ArrayList<>(data.fit);
        all.addAll(data.test);
    }

    @Test
    void javaEvaluationReproducesXgboostOnEveryRow() {
        List<double[]> natively = boosted.predictNatively(all);
        int widest = all.stream().mapToInt(e -> e.features().numeric().size()).max().orElseThrow();
        int missingSeen = 0;
        for (int i = 0; i < all.size(); i++) {
            double[] java = boosted.predict(all.get(i));
            for (int h = 0; h < java.length; h++) {
                assertThat(java[h]).as("row %d period %d", i, h)
                        .isCloseTo(natively.get(i)[h], within(1e-4 * Math.max(1, natively.get(i)[h])));
            }
            if (all.get(i).features().numeric().size() < widest) {
                missingSeen++;
            }
        }
        // launches early in the history lack some features: the default (missing) directions were exercised
        assertThat(missingSeen).isPositive();
    }

    @Test
    void pathContributionsAndBiasAddUpToTheMeanMargin() {
        for (LaunchExample e : data.test.subList(0, 20)) {
            double[] margins = boosted.margins(e);
            double meanMargin = 0;
            for (double m : margins) {
                meanMargin += m / margins.length;
            }
            double sum = 0;
            for (double c : boosted.contributions(e)) {
                sum += c;
            }
            assertThat(sum).isCloseTo(meanMargin, within(1e-4));
        }
        Explanation explanation = boosted.explain(data.test.get(3));
        assertThat(explanation.contributions()).isNotEmpty();
        assertThat(explanation.contributions().get(0).value()).isNotZero();
        // ordered by magnitude
        assertThat(Math.abs(explanation.contributions().get(0).value()))
                .isGreaterThanOrEqualTo(Math.abs(explanation.contributions().get(explanation.contributions().size() - 1).value()));
    }

    @Test
    void forecastWithExplanationEqualsForecastAndExplanationApart() {
        for (LaunchExample e : data.test.subList(0, 10)) {
            CurveModel.Explained together = boosted.predictExplained(e);

            assertThat(together.mean()).containsExactly(boosted.predict(e));
            assertThat(together.explanation()).isEqualTo(boosted.explain(e));
        }
    }

    @Test
    void explanationNamesTheEightLargestContributionsInOrder() {
        for (LaunchExample e : data.test.subList(0, 20)) {
            double[] contributions = boosted.contributions(e);
            List<Integer> ids = new ArrayList<>();
            for (int f = 0; f < contributions.length - 1; f++) {
                if (contributions[f] != 0) {
                    ids.add(f);
                }
            }
            ids.sort(java.util.Comparator.comparingDouble(f -> -Math.abs(contributions[f]))); // stable: ties by id
            List<Double> expected = ids.stream().limit(8).map(f -> contributions[f]).toList();

            assertThat(boosted.explain(e).contributions()).extracting(Explanation.Contribution::value)
                    .containsExactlyElementsOf(expected);
        }
    }

    @Test
    void aBlockOfExamplesGetsTheSameAnswersAsOneExampleAtATime() {
        // more rows than a block, and a last block that is not full
        assertThat(all.size()).isGreaterThan(2 * FlatBoosters.BLOCK).matches(n -> n % FlatBoosters.BLOCK != 0);
        List<CurveModel.Explained> explained = boosted.predictAll(all, true);
        List<CurveModel.Explained> plain = boosted.predictAll(all, false);
        for (int i = 0; i < all.size(); i++) {
            assertThat(explained.get(i).mean()).as("row %d", i).containsExactly(boosted.predict(all.get(i)));
            assertThat(explained.get(i).explanation()).as("row %d", i).isEqualTo(boosted.explain(all.get(i)));
            assertThat(plain.get(i).mean()).as("row %d", i).containsExactly(explained.get(i).mean());
            assertThat(plain.get(i).explanation()).isEqualTo(Explanation.EMPTY);
        }
    }

    @Test
    void aBlendAnswersABlockAsItAnswersEachExample() {
        // the level curve at weight 0 still explains (through the others), as one example at a time does
        BlendedModel blend = new BlendedModel("ensemble", List.of(boosted, analog, level), new double[] {0.7, 0.3, 0},
                1.05);
        List<LaunchExample> some = all.subList(all.size() - FlatBoosters.BLOCK - 9, all.size()); // launches with a past
        List<CurveModel.Explained> block = blend.predictAll(some, true);
        for (int i = 0; i < some.size(); i++) {
            CurveModel.Explained one = blend.predictExplained(some.get(i));
            assertThat(block.get(i).mean()).as("row %d", i).containsExactly(one.mean());
            assertThat(block.get(i).explanation()).as("row %d", i).isEqualTo(one.explanation());
            assertThat(block.get(i).explanation().analogs()).isNotEmpty();
        }
    }

    @Test
    void aModelCutToItsFirstRoundsForecastsLikeOneTrainedWithThatManyRounds() {
        ModelSettings settings = SyntheticLaunches.settings(7);
        BoostedCurveModel shorter = BoostedCurveModel.train(data.fit, analog, level,
                settings.withBoosting(settings.boosting().withRounds(20)));

        List<double[][]> cut = boosted.predictAfterRounds(data.test, new int[] {20, 40});

        for (int i = 0; i < data.test.size(); i++) {
            double[] trainedShorter = shorter.predict(data.test.get(i));
            double[] full = boosted.predict(data.test.get(i));
            for (int h = 0; h < full.length; h++) {
                assertThat(cut.get(i)[0][h]).as("row %d period %d after 20 rounds", i, h)
                        .isCloseTo(trainedShorter[h], within(1e-9 * Math.max(1, trainedShorter[h])));
                assertThat(cut.get(i)[1][h]).isEqualTo(full[h]);
            }
        }
    }
}

package io.launchcast.forecast.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchcast.forecast.evaluation.Metrics;
import io.launchcast.features.dataset.Product;
import io.launchcast.forecast.evaluation.MetricsCalculator;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ForecastTrainerTest {

    private static SyntheticLaunches data;
    private static ForecastTrainer.Result result;
    private static final List<String> PROGRESS = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeAll
    static void train() {
        data = new SyntheticLaunches(420, 360, 11);
        result = new ForecastTrainer(SyntheticLaunches.settings(42), PROGRESS::add).train(data.fit, data.history,
                SyntheticLaunches.baselines());
    }

    @Test
    void trainingSaysHowItGoesWhereItIsAsked() {
        int folds = ((List<?>) result.learned().get("validation.folds")).size();

        // a line per boosted validation fold as it ends (boosting is the long part), and one per candidate learned
        assertThat(PROGRESS).filteredOn(line -> line.startsWith("boosted: validation fold ")).hasSize(folds)
                .first().asString().startsWith("boosted: validation fold 1 of " + folds + " trained on ");
        assertThat(PROGRESS).anyMatch(line -> line.startsWith("analog learned "))
                .anyMatch(line -> line.startsWith("boosted trained "));
    }

    private static Metrics score(String model) {
        List<MetricsCalculator.Scored> scored = new ArrayList<>();
        for (LaunchExample e : data.test) {
            scored.add(new MetricsCalculator.Scored(result.model(model).forecast(e, false), e.actual(), null));
        }
        return MetricsCalculator.compute(scored);
    }

    @Test
    void ensembleLearnsWhatTheMeanCurveCannotSee() {
        Metrics mean = score("mean-curve");
        Metrics ensemble = score("ensemble");

        // colour drives the level five-fold, so a model that sees it must beat the mean curve by far
        assertThat(mean.wape()).isGreaterThan(60);
        assertThat(ensemble.wape()).isBetween(15.0, 45.0);
        assertThat(ensemble.coverage()).isBetween(55.0, 100.0);
        assertThat(Math.abs(ensemble.bias())).isLessThan(30.0);
    }

    @Test
    void theBaselinesAnEnsembleCanStoreAreCandidatesJudgedOnValidation() {
        @SuppressWarnings("unchecked")
        Map<String, Double> validation = (Map<String, Double>) result.learned().get("selection.validationWape");

        assertThat(result.learned().get("ensemble.components")).asList()
                .containsExactly("boosted", "analog", "level-curve", "mean-curve", "median-curve", "category-mean-curve");
        assertThat(validation).containsKeys("median-curve", "category-mean-curve");
    }

    @Test
    void launchesThatGiveNoValidationFoldRegisterTheGlobalMeanCurveAndSayWhy() {
        // every launch on one date: no later launches to validate on, whatever the fraction; the suite must
        // still get a model to serve
        LocalDate day = data.fit.get(0).product().launchDate();
        List<LaunchExample> oneDay = data.fit.stream().limit(60).map(e -> {
            Product p = e.product();
            return new LaunchExample(new Product(p.id(), day, p.region(), p.price(), p.split(), p.attributes()),
                    e.features(), e.actual());
        }).toList();

        ForecastTrainer.Result trained = new ForecastTrainer(SyntheticLaunches.settings(42)).train(oneDay,
                data.history, SyntheticLaunches.baselines());

        assertThat(trained.learned()).containsEntry("selection.chosen", "mean-curve")
                .containsEntry("validation.launches", 0);
        assertThat((String) trained.learned().get("selection.reason")).contains("60 launches")
                .contains("1 launch date");
        CalibratedModel ensemble = trained.model("ensemble");
        MeanCurveModel mean = MeanCurveModel.global(oneDay, ensemble.calibration().ratios()[0].length);
        ProductForecast forecast = ensemble.forecast(data.test.get(0), false);
        assertThat(forecast.mean()).containsExactly(mean.predict(data.test.get(0)));
        assertThat(forecast.quantiles()[2][0]).isGreaterThan(forecast.quantiles()[0][0]);
        TrainingLineage lineage = new TrainingLineage("synthetic", "1", data.dataset.manifest().sha256(),
                "launch-features/1.1", data.definitions.hash(), 42, Map.of(), "test");
        CalibratedModel loaded = ForecastModelArtifact.load(ForecastModelArtifact.write(trained, lineage),
                data.history);
        assertThat(loaded.forecast(data.test.get(0), false).quantiles()).isDeepEqualTo(forecast.quantiles());
    }

    @Test
    void whenTheLatestLaunchDateHoldsMoreThanTheFractionItIsTheValidationSlice() {
        // five launch dates, the last with 40 of 100 launches: cutting at 80 % would fall inside that date
        List<LaunchExample> launches = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            LaunchExample e = data.fit.get(i);
            Product p = e.product();
            LocalDate day = LocalDate.of(2021, 1, 4).plusWeeks(i < 60 ? i / 15 : 4);
            launches.add(new LaunchExample(new Product(p.id(), day, p.region(), p.price(), p.split(),
                    p.attributes()), e.features(), e.actual()));
        }

        List<ForecastTrainer.Split> folds = ForecastTrainer.folds(launches, ModelSettings.Validation.byShare(0.2, 2));

        assertThat(folds).hasSize(2);
        assertThat(folds.get(0).latest()).hasSize(40)
                .allSatisfy(e -> assertThat(e.product().launchDate()).isEqualTo(LocalDate.of(2021, 2, 1)));
        assertThat(folds.get(0).older()).hasSize(60);
    }

    @Test
    void theBoostedModelKeepsTheRoundsValidationChose() {
        @SuppressWarnings("unchecked")
        Map<String, Double> byRounds = (Map<String, Double>) result.learned().get("boosted.validationWapeByRounds");

        assertThat(ForecastTrainer.roundCheckpoints(300)).containsExactly(19, 38, 75, 150, 300);
        assertThat(ForecastTrainer.roundCheckpoints(40)).containsExactly(10, 20, 40);
        assertThat(byRounds).containsOnlyKeys("10", "20", "40");
        String lowest = byRounds.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow().getKey();
        assertThat(result.learned().get("boosted.rounds")).isEqualTo(Integer.parseInt(lowest));
    }

    @Test
    void analogModelLearnsThatColourMattersMoreThanCategoryForTheLevel() {
        @SuppressWarnings("unchecked")
        Map<String, Double> weights = (Map<String, Double>) result.learned().get("analog.weights");

        assertThat(weights.get("colour")).isGreaterThan(weights.get("category"));
    }

    @Test
    void ensembleWeightsAreConvexAndLevelIsRecorded() {
        @SuppressWarnings("unchecked")
        List<Double> weights = (List<Double>) result.learned().get("ensemble.weights");

        assertThat(weights).allSatisfy(w -> assertThat(w).isBetween(0.0, 1.0));
        assertThat(weights.stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0,
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat((Double) result.learned().get("ensemble.level")).isPositive();
    }

    @Test
    void quantilesNeverCrossAndForecastsExplainThemselves() {
        for (LaunchExample e : data.test) {
            ProductForecast f = result.model("ensemble").forecast(e, false);
            for (int h = 0; h < SyntheticLaunches.HORIZON; h++) {
                assertThat(f.quantile(0.1)[h]).isLessThanOrEqualTo(f.quantile(0.5)[h]);
                assertThat(f.quantile(0.5)[h]).isLessThanOrEqualTo(f.quantile(0.9)[h]);
                assertThat(f.mean()[h]).isNotNegative();
            }
        }
        ProductForecast explained = result.model("ensemble").forecast(data.test.get(0), true);
        @SuppressWarnings("unchecked")
        List<String> components = (List<String>) result.learned().get("ensemble.components");
        @SuppressWarnings("unchecked")
        List<Double> weights = (List<Double>) result.learned().get("ensemble.weights");
        boolean boosted = weights.get(components.indexOf("boosted")) > 0;
        boolean analog = weights.get(components.indexOf("analog")) > 0;

        // the boosted model is stacked on the analog model: with weight, both explain; without, its features don't
        assertThat(explained.explanation().analogs().isEmpty()).isEqualTo(!boosted && !analog);
        assertThat(explained.explanation().analogs()).allSatisfy(a -> assertThat(a.productId()).startsWith("p"));
        assertThat(explained.explanation().contributions().isEmpty()).isEqualTo(!boosted);
        assertThat(explained.explanation().contributions()).allSatisfy(c -> assertThat(c.feature()).isNotBlank());
        BlendedModel blend = (BlendedModel) result.model("ensemble").model();
        assertThat(blend.components().get(components.indexOf("boosted")).inputs())
                .as("the boosted model is explained by the very analog model it is stacked on")
                .contains(blend.components().get(components.indexOf("analog")));
    }

    @Test
    void artifactCarriesLineageAndTribuoProvenance() {
        TrainingLineage lineage = new TrainingLineage("synthetic", "1", data.dataset.manifest().sha256(),
                "launch-features/1.0", data.definitions.hash(), 42, Map.of("rounds", 40), "test");

        ForecastModelArtifact.Contents contents = ForecastModelArtifact.read(ForecastModelArtifact.write(result,
                lineage));

        @SuppressWarnings("unchecked")
        Map<String, Object> written = (Map<String, Object>) contents.header().get("lineage");
        assertThat(written).containsEntry("datasetManifestSha256", data.dataset.manifest().sha256())
                .containsEntry("featureDefinitionsSha256", data.definitions.hash()).containsEntry("seed", 42);
        assertThat((String) contents.header().get("tribuoProvenance")).contains("XGBoost");
        assertThat(contents.sections().get("boosted")).isNotEmpty();
    }

    @Test
    void aLoadedArtifactForecastsExactlyLikeTheTrainedEnsemble() {
        TrainingLineage lineage = new TrainingLineage("synthetic", "1", data.dataset.manifest().sha256(),
                "launch-features/1.0", data.definitions.hash(), 42, Map.of(), "test");

        CalibratedModel loaded = ForecastModelArtifact.load(ForecastModelArtifact.write(result, lineage), data.history);

        for (LaunchExample e : data.test.subList(0, 10)) {
            ProductForecast original = result.model("ensemble").forecast(e, false);
            ProductForecast reloaded = loaded.forecast(e, false);
            assertThat(reloaded.mean()).containsExactly(original.mean());
            assertThat(reloaded.quantiles()).isDeepEqualTo(original.quantiles());
        }
    }

    @Test
    void aLoadedArtifactKeepsTheCalibrationsOffsetsAndItsClassOfZeroForecasts() {
        // a calibration with a class of zero forecasts and shifted scales, in place of whatever training chose
        CalibratedModel trained = result.model("ensemble");
        int horizon = trained.calibration().ratios()[0].length;
        java.util.Random random = new java.util.Random(11);
        List<double[]> forecasts = new java.util.ArrayList<>();
        List<double[]> actuals = new java.util.ArrayList<>();
        for (int i = 0; i < 800; i++) {
            double f = i % 4 == 0 ? 0 : 0.2 + 30 * random.nextDouble();
            forecasts.add(java.util.stream.DoubleStream.generate(() -> f).limit(horizon).toArray());
            actuals.add(java.util.stream.DoubleStream.generate(() -> Math.max(0, f + 4 * random.nextGaussian()))
                    .limit(horizon).toArray());
        }
        QuantileCalibration shifted = QuantileCalibration.fit(forecasts, actuals, trained.calibration().reported(),
                horizon);
        assertThat(java.util.Arrays.stream(shifted.sizeClasses().offsets()).max().orElse(0)).as("offsets chosen").isPositive();
        List<CalibratedModel> models = new java.util.ArrayList<>(result.models());
        models.replaceAll(m -> m == trained ? new CalibratedModel(m.model(), shifted, m.trainingTime()) : m);
        ForecastTrainer.Result withOffsets = new ForecastTrainer.Result(models, result.learned(), result.baselines());
        TrainingLineage lineage = new TrainingLineage("synthetic", "1", data.dataset.manifest().sha256(),
                "launch-features/1.0", data.definitions.hash(), 42, Map.of(), "test");

        CalibratedModel loaded = ForecastModelArtifact.load(ForecastModelArtifact.write(withOffsets, lineage),
                data.history);

        assertThat(loaded.calibration().offset()).isEqualTo(shifted.offset());
        assertThat(loaded.calibration().sizeClasses().offsets()).containsExactly(shifted.sizeClasses().offsets());
        for (double f : new double[] {0, 0.3, 5, 25}) {
            double[] mean = java.util.stream.DoubleStream.generate(() -> f).limit(horizon).toArray();
            assertThat(loaded.calibration().apply(mean)).isDeepEqualTo(shifted.apply(mean));
        }
        assertThat(shifted.apply(new double[horizon])[2][0]).as("p90 of a zero forecast").isPositive();
    }
}

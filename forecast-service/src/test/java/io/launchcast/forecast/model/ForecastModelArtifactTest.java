package io.launchcast.forecast.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

class ForecastModelArtifactTest {

    private static SyntheticLaunches data;
    private static ForecastTrainer.Result result;
    private static final TrainingLineage LINEAGE = new TrainingLineage("synthetic", "1", "sha", "launch-features/1.0",
            "hash", 42, Map.of(), "test");

    @BeforeAll
    static void train() {
        data = new SyntheticLaunches(300, 260, 5);
        result = new ForecastTrainer(SyntheticLaunches.settings(42)).train(data.fit, data.history,
                SyntheticLaunches.baselines());
    }

    @Test
    void theHeaderSpecifiesEachComponentByItsTypeAndWeight() {
        ForecastModelArtifact.Contents contents = ForecastModelArtifact.read(ForecastModelArtifact.write(result,
                LINEAGE));

        EnsembleSpec spec = contents.ensemble();
        assertThat(spec.components()).extracting(EnsembleSpec.Component::name)
                .containsExactly("boosted", "analog", "level-curve", "mean-curve", "median-curve", "category-mean-curve");
        assertThat(spec.components()).extracting(c -> (Object) c.model().getClass())
                .containsExactly(BoostedSpec.class, AnalogSpec.class, LevelCurveSpec.class, MeanCurveSpec.class,
                        MeanCurveSpec.class, MeanCurveSpec.class);
        assertThat(((MeanCurveSpec) spec.components().get(4).model()).statistic()).isEqualTo("median");
        assertThat(((MeanCurveSpec) spec.components().get(5).model()).attribute()).isEqualTo("category");
        assertThat(spec.components()).extracting(EnsembleSpec.Component::weight)
                .containsExactlyElementsOf(toDoubles(result.learned().get("ensemble.weights")));
        assertThat(spec.level()).isEqualTo(result.learned().get("ensemble.level"));
        AnalogSpec analog = (AnalogSpec) spec.components().get(1).model();
        assertThat(analog.attributes()).isEqualTo(result.learned().get("analog.attributes"));
        assertThat(analog.k()).isEqualTo(result.learned().get("analog.k"));
        assertThat(analog.priceWeight()).isEqualTo(result.learned().get("analog.priceWeight"));
        assertThat(((BoostedSpec) spec.components().get(0).model()).section()).isEqualTo("boosted");
        assertThat(contents.sections()).containsOnlyKeys("boosted");
        assertThat(contents.tribuoProvenance()).contains("XGBoost");
    }

    @Test
    void aBaselineRegisteredInTheEnsemblesPlaceForecastsAsTheTrainedBaselineWithItsOwnIntervals() {
        assertThat(result.storableBaselines()).containsExactly("mean-curve", "median-curve", "category-mean-curve");

        byte[] artifact = ForecastModelArtifact.write(result.withBaselineRegistered("median-curve", "the reason"),
                LINEAGE);

        CalibratedModel loaded = ForecastModelArtifact.load(artifact, data.history);
        CalibratedModel trained = result.model("median-curve");
        for (LaunchExample e : data.test.subList(0, 10)) {
            ProductForecast original = trained.forecast(e, false);
            ProductForecast reloaded = loaded.forecast(e, false);
            assertThat(reloaded.mean()).containsExactly(original.mean());
            assertThat(reloaded.quantiles()).isDeepEqualTo(original.quantiles());
        }
        Map<String, Object> learned = ForecastModelArtifact.read(artifact).learned();
        assertThat(learned).containsEntry("selection.chosen", "median-curve")
                .containsEntry("selection.reason", "median-curve: the reason")
                .containsEntry("selection.validationChoice", result.learned().get("selection.chosen"));
        assertThatThrownBy(() -> result.withBaselineRegistered("analog", "the reason"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void quantilesMixedWithUnconditionalOnesAreStoredAndForecastAsTrained() {
        CalibratedModel trained = result.model("ensemble");
        double[] curve = ((MeanCurveModel) result.model("mean-curve").model()).overall();
        CalibratedModel mixed = new CalibratedModel(trained.model(), trained.calibration().unmixed()
                .mixedWith(0.5, result.model("mean-curve").calibration(), curve), trained.trainingTime());
        List<CalibratedModel> models = new java.util.ArrayList<>(result.models().subList(0, result.models().size() - 1));
        models.add(mixed);
        ForecastTrainer.Result withMix = new ForecastTrainer.Result(models, result.learned(), result.baselines());

        CalibratedModel loaded = ForecastModelArtifact.load(ForecastModelArtifact.write(withMix, LINEAGE),
                data.history);

        assertThat(loaded.calibration().ownWeight()).isEqualTo(0.5);
        for (LaunchExample e : data.test.subList(0, 10)) {
            ProductForecast original = mixed.forecast(e, false);
            assertThat(loaded.forecast(e, false).quantiles()).isDeepEqualTo(original.quantiles());
            assertThat(Arrays.deepEquals(original.quantiles(), trained.calibration().unmixed().apply(original.mean())))
                    .isFalse();
        }
    }

    @Test
    void artifactsOfTheFirstLayoutStillLoadAndForecastExactlyLikeTheTrainedEnsemble() {
        CalibratedModel loaded = ForecastModelArtifact.load(firstLayout(result, true), data.history);

        assertThat(((BlendedModel) loaded.model()).components()).extracting(CurveModel::name)
                .containsExactly("boosted", "analog", "level-curve", "mean-curve");
        // the first layout stored one pool of plain ratios (no forecast-size classes, no offset)
        CalibratedModel trained = result.model("ensemble");
        QuantileCalibration c = trained.calibration();
        CalibratedModel storable = new CalibratedModel(trained.model(),
                new QuantileCalibration(c.levels(), c.ratios(), c.reported(), null, 0.0), trained.trainingTime());
        for (LaunchExample e : data.test.subList(0, 10)) {
            ProductForecast original = storable.forecast(e, false);
            ProductForecast reloaded = loaded.forecast(e, false);
            assertThat(reloaded.mean()).containsExactly(original.mean());
            assertThat(reloaded.quantiles()).isDeepEqualTo(original.quantiles());
        }
    }

    @Test
    void artifactsOfTheFirstLayoutWrittenBeforeTheMeanCurveLoadThreeComponents() {
        CalibratedModel loaded = ForecastModelArtifact.load(firstLayout(result, false), data.history);

        assertThat(((BlendedModel) loaded.model()).components()).extracting(CurveModel::name)
                .containsExactly("boosted", "analog", "level-curve");
        assertThat(Arrays.stream(loaded.forecast(data.test.get(0), false).mean()).min().orElseThrow()).isNotNegative();
    }

    @Test
    void aComponentWhoseSectionIsMissingIsRefusedByName() {
        EnsembleSpec spec = new EnsembleSpec(SyntheticLaunches.HORIZON, List.of(
                new EnsembleSpec.Component("analog", 0.5, new AnalogSpec(List.of("colour"), new double[] {1}, 5)),
                new EnsembleSpec.Component("boosted", 0.5, new BoostedSpec("boosted", "analog", null))), 1.0);

        assertThatThrownBy(() -> spec.rebuild("ensemble", data.history, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no binary section 'boosted'");
    }

    @Test
    void aComponentStackedOnOneTheEnsembleLacksIsRefusedByName() {
        EnsembleSpec spec = new EnsembleSpec(SyntheticLaunches.HORIZON, List.of(
                new EnsembleSpec.Component("boosted", 1, new BoostedSpec("boosted", "analog", null))), 1.0);

        assertThatThrownBy(() -> spec.rebuild("ensemble", data.history, Map.of("boosted", new byte[0])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no component 'analog'");
    }

    private static List<Double> toDoubles(Object numbers) {
        return ((List<?>) numbers).stream().map(n -> ((Number) n).doubleValue()).toList();
    }

    /**
     * An artifact as the first layout wrote it: the ensemble's structure only in {@code learned}, the boosted
     * model's bytes the one section. {@code withMeanCurve} false: as written before the mean curve joined the
     * blend (three weights, no curve).
     */
    private static byte[] firstLayout(ForecastTrainer.Result result, boolean withMeanCurve) {
        CalibratedModel ensemble = result.model("ensemble");
        BlendedModel blend = (BlendedModel) ensemble.model();
        BoostedCurveModel boosted = (BoostedCurveModel) blend.components().get(0);
        Map<String, Object> learned = new TreeMap<>(result.learned());
        if (!withMeanCurve) {
            learned.remove("ensemble.meanCurve");
            learned.put("ensemble.weights", toDoubles(learned.get("ensemble.weights")).subList(0, 3));
        }
        Map<String, Object> header = new TreeMap<>();
        header.put("lineage", LINEAGE);
        header.put("learned", learned);
        Map<String, Object> calibration = new LinkedHashMap<>();
        calibration.put("levels", ensemble.calibration().levels());
        calibration.put("ratios", Arrays.stream(ensemble.calibration().ratios()).map(double[]::clone).toList());
        calibration.put("reported", ensemble.calibration().reported());
        header.put("calibration", calibration);
        header.put("tribuoProvenance", boosted.tribuoProvenance());
        header.put("boostedLevelOffset", boosted.hasOffset());
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.write("LAUNCHCAST-FORECAST-MODEL/1\n".getBytes(StandardCharsets.US_ASCII));
            byte[] json = JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build()
                    .writeValueAsBytes(header);
            out.writeInt(json.length);
            out.write(json);
            byte[] model = boosted.modelBytes();
            out.writeInt(model.length);
            out.write(model);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anAnalogSpecWrittenBeforePricesWereComparedComparesNoPrice() {
        ComponentSpec spec = tools.jackson.databind.json.JsonMapper.builder().build().readValue(
                "{\"type\":\"analog\",\"attributes\":[\"colour\"],\"weights\":[1.0],\"k\":5}", ComponentSpec.class);

        assertThat(((AnalogSpec) spec).priceWeight()).isZero();
    }
}

package io.launchcast.forecast.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BlendedModelTest {

    private static final LaunchExample EXAMPLE = null; // the components below forecast alike whatever the product

    /** A component whose explanation names itself, optionally taking another's forecast as a feature. */
    private record Named(String name, List<CurveModel> inputs, boolean readsTheProduct) implements CurveModel {

        Named(String name, List<CurveModel> inputs) {
            this(name, inputs, true);
        }

        @Override
        public double[] predict(LaunchExample example) {
            return new double[] {1, 1, 1, 1};
        }

        @Override
        public Explanation explain(LaunchExample example) {
            return new Explanation(List.of(new Explanation.Analog(name + "-analog", 1, 0.5)),
                    List.of(new Explanation.Contribution(name + "-feature", 0.1)));
        }
    }

    private static final CurveModel ANALOG = new Named("analog", List.of());
    private static final CurveModel STACKING = new Named("stacking", List.of(ANALOG));
    private static final CurveModel CURVE = new Named("curve", List.of(), false);

    private static List<String> explainedBy(double... weights) {
        BlendedModel blend = new BlendedModel("blend", List.of(STACKING, ANALOG, CURVE), weights, 1.0);
        Explanation single = blend.explain(EXAMPLE);
        Explanation batch = blend.predictAll(java.util.Collections.singletonList(EXAMPLE), true).get(0).explanation();
        assertThat(batch).isEqualTo(single);
        return single.contributions().stream().map(Explanation.Contribution::feature).toList();
    }

    @Test
    void onlyComponentsThatDriveTheForecastExplainIt() {
        assertThat(explainedBy(0, 0, 1)).containsExactly("curve-feature");
        assertThat(explainedBy(0, 1, 0)).containsExactly("analog-feature");
        assertThat(explainedBy(0.5, 0, 0.5)).containsExactly("stacking-feature", "analog-feature", "curve-feature");
        assertThat(explainedBy(1, 0, 0)).containsExactly("stacking-feature", "analog-feature");
    }

    @Test
    void aBlendReadsTheProductWhenAComponentThatDrivesItDoes() {
        assertThat(blend(0, 0, 1).readsTheProduct()).isFalse();
        assertThat(blend(0.5, 0, 0.5).readsTheProduct()).isTrue();
        assertThat(blend(0, 1, 0).readsTheProduct()).isTrue();
        CurveModel stackedOnTheCurve = new Named("stacking", List.of(CURVE), false);
        assertThat(new BlendedModel("b", List.of(stackedOnTheCurve, ANALOG), new double[] {1, 0}, 1.0)
                .readsTheProduct()).isFalse();
    }

    @Test
    void onlyCohortCurvesAmongTheCurvesReadTheProduct() {
        List<LaunchExample> fit = List.of();
        assertThat(MeanCurveModel.global(new double[] {1, 2}).readsTheProduct()).isFalse();
        assertThat(MeanCurveModel.median(fit, 2).readsTheProduct()).isFalse();
        assertThat(new LevelCurveModel(null, 2).readsTheProduct()).isFalse();
        assertThat(MeanCurveModel.byAttribute(fit, 2, "category").readsTheProduct()).isTrue();
    }

    private static BlendedModel blend(double... weights) {
        return new BlendedModel("blend", List.of(STACKING, ANALOG, CURVE), weights, 1.0);
    }
}

package io.launchcast.forecast.training;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The gate's decisions where the held-out launches give it nothing to compare. */
class QualityGateTest {

    private final QualityGate gate = new QualityGate(Double.POSITIVE_INFINITY, 60, 95);

    @Test
    void aModelWithoutHeldOutLaunchesDoesNotPassWhereTheGroupServesOne() {
        // a test set of no launch scores NaN, and NaN used to pass every comparison
        QualityGate.Decision decision = gate.decide(new QualityGate.Scored("boosted", Double.NaN, Double.NaN), false,
                Double.NaN, new QualityGate.Scored("mean-curve", Double.NaN, Double.NaN), true, "launch-demand", "shop");

        assertThat(decision.passed()).isFalse();
        assertThat(decision.message()).startsWith("no held-out launch to test boosted on").contains("split.cutoff");
    }

    @Test
    void aGroupWithNothingToServeGetsValidationsChoiceUntestedAndIsToldSo() {
        QualityGate.Decision decision = gate.decide(new QualityGate.Scored("median-curve", Double.NaN, Double.NaN),
                true, Double.NaN, null, false, "launch-demand", "shop");

        assertThat(decision.passed()).isTrue();
        assertThat(decision.registered()).isEqualTo("median-curve");
        assertThat(decision.registersFallback()).isFalse();
        assertThat(decision.message()).contains("goes through untested").doesNotContain("NaN");
    }

    @Test
    void aTestedModelStillPassesOnItsFigures() {
        QualityGate.Decision decision = gate.decide(new QualityGate.Scored("analog", 89.98, 78.2), false, 98.67,
                null, true, "launch-demand", "shop");

        assertThat(decision.passed()).isTrue();
        assertThat(decision.message()).startsWith("passed: analog, WAPE 89.98");
    }
}

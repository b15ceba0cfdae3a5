package io.launchcast.forecast.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchcast.forecast.evaluation.Metrics;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The held-out table the pipeline's evaluate step writes. */
class HeldOutReportTest {

    private static Metrics metrics(double wape, double meanWql, double coverage) {
        return new Metrics(120, wape, 5.0, 9.0, 80.0, -10.0, Map.of(0.5, 0.4), meanWql, coverage);
    }

    @Test
    void aBaselineWithoutIntervalsOfItsOwnShowsNoWqlOrCoverageRatherThanTheModels() {
        Map<String, Metrics> baselines = new LinkedHashMap<>();
        baselines.put("median-curve", metrics(92.83, 0.775, 92.7));
        baselines.put("attribute-knn", metrics(127.58, 1.149, 83.5)); // the model's intervals around the kNN's forecast
        HeldOut heldOut = new HeldOut("analog", metrics(89.62, 0.712, 90.2), baselines, "median-curve",
                Set.of("attribute-knn"));

        String[] lines = heldOut.report().split("\\R");

        assertThat(lines[1]).startsWith("median-curve").contains("92.83", "0.775", "92.7");
        assertThat(lines[2]).startsWith("attribute-knn").contains("127.58").doesNotContain("1.149", "83.5")
                .matches(".* -\\s+-$");
        assertThat(lines[3]).startsWith("registered (analog)").contains("89.62", "0.712", "90.2");
        assertThat(lines[4]).contains("attribute-knn has no intervals of its own here");
    }

    @Test
    void aLongBaselineNameKeepsTheColumnsAligned() {
        Map<String, Metrics> baselines = new LinkedHashMap<>();
        baselines.put("product_type-mean-curve", metrics(81.74, 0.564, 79.9)); // a cohort curve named by its attribute
        HeldOut heldOut = new HeldOut("boosted", metrics(61.58, 0.445, 83.5), baselines, null, Set.of());

        String[] lines = heldOut.report().split("\\R");

        assertThat(lines[1].indexOf("81.74") + "81.74".length()).as("the WAPE column ends where its header does")
                .isEqualTo(lines[0].indexOf("WAPE") + "WAPE".length())
                .isEqualTo(lines[2].indexOf("61.58") + "61.58".length());
    }

    @Test
    void noHeldOutLaunchIsSaidRatherThanATableOfNaN() {
        Metrics none = new Metrics(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Map.of(), Double.NaN,
                Double.NaN);
        HeldOut heldOut = new HeldOut("median-curve", none, Map.of("mean-curve", none), "mean-curve", Set.of());

        assertThat(heldOut.report()).startsWith("no held-out launch to score").doesNotContain("NaN");
    }
}

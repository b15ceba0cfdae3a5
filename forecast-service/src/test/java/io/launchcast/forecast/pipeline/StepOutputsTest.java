package io.launchcast.forecast.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StepOutputsTest {

    record Metrics(String name, int count, long seed, double wape, double missing, boolean passed) {
    }

    @Test
    void anOutputIsRecordedAsTheTextJavaWritesForEachFieldAndReadsBackEqual() {
        Metrics metrics = new Metrics("ensemble", 42, 7_000_000_000L, 0.1 + 0.2, Double.NaN, true);

        Map<String, String> text = StepOutputs.toText(metrics);

        assertThat(text).containsExactly(Map.entry("count", "42"), Map.entry("missing", "NaN"),
                Map.entry("name", "ensemble"), Map.entry("passed", "true"), Map.entry("seed", "7000000000"),
                Map.entry("wape", Double.toString(0.1 + 0.2)));
        assertThat(StepOutputs.fromText(text, Metrics.class)).isEqualTo(metrics);
    }
}

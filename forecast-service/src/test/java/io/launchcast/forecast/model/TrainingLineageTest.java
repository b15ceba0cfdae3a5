package io.launchcast.forecast.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TrainingLineageTest {

    private static ByteArrayInputStream properties(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theCodeVersionNamesTheCommitTheBuildCameFromAndWhetherItsFilesDiffered() {
        assertThat(TrainingLineage.codeVersion("0.1.0-SNAPSHOT",
                properties("git.commit.id.abbrev=ffc08cd\ngit.dirty=false\n"))).isEqualTo("0.1.0-SNAPSHOT+gffc08cd");
        assertThat(TrainingLineage.codeVersion("0.1.0-SNAPSHOT",
                properties("git.commit.id.abbrev=ffc08cd\ngit.dirty=true\n")))
                .isEqualTo("0.1.0-SNAPSHOT+gffc08cd.dirty");
        assertThat(TrainingLineage.codeVersion("0.1.0-SNAPSHOT", null)).as("built outside a checkout")
                .isEqualTo("0.1.0-SNAPSHOT");
    }

    @Test
    void thisBuildsCodeVersionNamesItsCommitWhenBuiltInACheckout() {
        boolean inCheckout = TrainingLineage.class.getResource("/git.properties") != null;

        assertThat(TrainingLineage.currentCodeVersion()).matches(inCheckout ? ".+\\+g[0-9a-f]{7,}(\\.dirty)?" : ".+");
    }
}

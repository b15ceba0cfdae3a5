package io.launchcast.infra;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import software.amazon.awscdk.Stack;

/** The whole app synthesizes: the pipeline stack and both stages with all their stacks. */
class AppSynthesisTest {

    @BeforeAll
    static void synthesize() {
        SynthesizedApp.deployment();
    }

    @Test
    void synthesizesEveryStackOfBothStages() {
        var deployment = SynthesizedApp.deployment();
        assertThat(deployment.staging().stacks()).hasSize(9);
        assertThat(deployment.production().stacks()).hasSize(9);
        for (Stack stack : deployment.staging().stacks()) {
            assertThat(SynthesizedApp.template(stack).toJSON()).containsKey("Resources");
        }
        assertThat(SynthesizedApp.template(deployment.delivery()).toJSON()).containsKey("Resources");
    }
}

package io.launchcast.forecast.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class NativeTrainingRetryTest {

    private static RuntimeException columnCheck() {
        // as Tribuo wraps it: an IllegalStateException around XGBoost's error
        return new IllegalStateException(new RuntimeException("[19:20:02] learner.cc:1339: Check failed: "
                + "learner_model_param_.num_feature == p_fmat->Info().num_col_ (284 vs. 281) : "
                + NativeTrainingRetry.COLUMN_CHECK + "."));
    }

    @Test
    void theIntermittentColumnCheckIsTrainedAgain() {
        AtomicInteger calls = new AtomicInteger();

        String model = NativeTrainingRetry.train(() -> {
            if (calls.incrementAndGet() == 1) {
                throw columnCheck();
            }
            return "model";
        });

        assertThat(model).isEqualTo("model");
        assertThat(calls).hasValue(2);
    }

    @Test
    void anyOtherFailureIsThrownAtOnce() {
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> NativeTrainingRetry.train(() -> {
            calls.incrementAndGet();
            throw new IllegalStateException("out of memory");
        })).hasMessage("out of memory");
        assertThat(calls).hasValue(1);
    }

    @Test
    void theColumnCheckFailingEveryTimeIsThrownAfterTheLastAttempt() {
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> NativeTrainingRetry.train(() -> {
            calls.incrementAndGet();
            throw columnCheck();
        })).hasRootCauseMessage(columnCheck().getCause().getMessage());
        assertThat(calls).hasValue(NativeTrainingRetry.ATTEMPTS);
    }
}

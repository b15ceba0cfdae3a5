package io.launchcast.forecast.model;

import java.util.function.Supplier;

/**
 * Runs an XGBoost training again when the native library fails it with its intermittent column-count check
 * ({@code learner_model_param_.num_feature == p_fmat->Info().num_col_}): the booster claims more features than
 * the one matrix it was created from, which no input can cause. The same inputs trained again succeed, and
 * training is deterministic, so the model is the one the first attempt would have given. Any other failure,
 * or this one repeated, is thrown. See docs/adr/0121-retry-of-xgboosts-intermittent-column-check.md.
 */
final class NativeTrainingRetry {

    static final String COLUMN_CHECK = "Number of columns does not match number of features in booster";
    static final int ATTEMPTS = 3;

    private NativeTrainingRetry() {
    }

    static <T> T train(Supplier<T> training) {
        for (int attempt = 1; ; attempt++) {
            try {
                return training.get();
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !isColumnCheck(e)) {
                    throw e;
                }
                System.getLogger(NativeTrainingRetry.class.getName()).log(System.Logger.Level.WARNING,
                        "XGBoost failed its column-count check on attempt " + attempt + " of " + ATTEMPTS
                                + "; training again with the same inputs");
            }
        }
    }

    private static boolean isColumnCheck(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(COLUMN_CHECK)) {
                return true;
            }
        }
        return false;
    }
}

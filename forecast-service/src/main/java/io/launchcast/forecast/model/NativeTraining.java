package io.launchcast.forecast.model;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * Runs an XGBoost training on a thread of its own, started for it and ended with it.
 *
 * <p>XGBoost 1.6 (the version Tribuo brings) keeps each thread's prediction caches in a thread-local map keyed
 * by the address of the booster's learner. A booster freed on another thread (xgboost4j frees a collected
 * booster on the JVM's finalizer thread) leaves its entry in the training thread's map; a later booster
 * allocated at the same address inherits it, takes its feature count from the matrices listed there, and fails
 * with {@code Check failed: learner_model_param_.num_feature == p_fmat->Info().num_col_} when an earlier training
 * had more features (a validation fold's launches lack some attribute values that all the launches have). A new
 * thread starts with an empty map, and its map goes with it (ADR 0131).
 */
final class NativeTraining {

    private NativeTraining() {
    }

    /**
     * {@code training}'s result, computed on a new thread while this one waits; what it throws is thrown here.
     *
     * @throws IllegalStateException when this thread is interrupted while waiting: it stops waiting at once, and
     *         the training thread is interrupted too (XGBoost's native rounds do not heed it: they finish, and
     *         their result is dropped)
     */
    static <T> T onOwnThread(Supplier<T> training) {
        FutureTask<T> task = new FutureTask<>(training::get);
        Thread worker = new Thread(task, "xgboost-training");
        worker.start();
        try {
            return task.get();
        } catch (InterruptedException e) {
            worker.interrupt();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while XGBoost was training", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}

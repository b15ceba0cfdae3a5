package io.launchcast.forecast.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.junit.jupiter.api.Test;

class NativeTrainingTest {

    private static final Map<String, Object> PARAMETERS = Map.of("nthread", 1, "verbosity", 0);

    @Test
    void aTrainingAfterABoosterWasFreedOnAnotherThreadSeesOnlyItsOwnMatrix() throws Exception {
        // what a pipeline does: a model with more features is trained, then collected (xgboost4j frees it on the
        // finalizer thread) while its matrix is still alive, then a model with fewer features is trained. On the
        // training thread itself, the new booster inherits the freed one's cache whenever it reuses its address
        // (about one time in three here), and fails XGBoost's column check
        Random random = new Random(1);
        for (int i = 0; i < 100; i++) {
            DMatrix wide = matrix(30, random);
            Booster freed = XGBoost.train(wide, PARAMETERS, 2, new HashMap<>(), null, null);
            Thread finalizer = new Thread(freed::dispose);
            finalizer.start();
            finalizer.join();
            DMatrix narrow = matrix(27, random);

            Booster trained = NativeTraining.onOwnThread(() -> train(narrow));

            assertThat(trained.getNumFeature()).as("iteration %d", i).isEqualTo(27L);
            trained.dispose();
            narrow.dispose();
            wide.dispose();
        }
    }

    @Test
    void whatTheTrainingThrowsIsThrownToTheCaller() {
        assertThatThrownBy(() -> NativeTraining.onOwnThread(() -> {
            throw new IllegalArgumentException("no launches");
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("no launches");
        assertThatThrownBy(() -> NativeTraining.onOwnThread(() -> {
            throw new OutOfMemoryError("native heap");
        })).isInstanceOf(OutOfMemoryError.class);
    }

    @Test
    void theTrainingRunsOnAThreadOfItsOwnThatEndsWithIt() throws InterruptedException {
        Thread caller = Thread.currentThread();

        Thread ranOn = NativeTraining.onOwnThread(Thread::currentThread);

        assertThat(ranOn).isNotSameAs(caller);
        assertThat(ranOn.getName()).isEqualTo("xgboost-training");
        ranOn.join(10_000); // the result is handed over just before the thread ends
        assertThat(ranOn.isAlive()).isFalse();
    }

    private static Booster train(DMatrix matrix) {
        try {
            return XGBoost.train(matrix, PARAMETERS, 2, new HashMap<>(), null, null);
        } catch (XGBoostError e) {
            throw new IllegalStateException(e);
        }
    }

    private static DMatrix matrix(int columns, Random random) throws XGBoostError {
        int rows = 50;
        float[] data = new float[rows * columns];
        for (int i = 0; i < data.length; i++) {
            data[i] = random.nextFloat();
        }
        DMatrix matrix = new DMatrix(data, rows, columns, Float.NaN);
        float[] labels = new float[rows];
        for (int i = 0; i < rows; i++) {
            labels[i] = random.nextFloat();
        }
        matrix.setLabel(labels);
        return matrix;
    }
}

package io.launchcast.forecast.model;

import java.lang.reflect.Method;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.common.xgboost.XGBoostModel;
import org.tribuo.common.xgboost.XGBoostTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.xgboost.XGBoostRegressionTrainer;

/**
 * The global gradient-boosted model: Tribuo XGBoost with one booster per horizon period (a multi-dimensional
 * {@link Regressor}), trained on log1p units from every launch feature, one-hot attributes and, stacked, the
 * analog model's out-of-sample forecast. Training is deterministic: fixed seed, and provenance times pinned
 * to the data instead of the wall clock, so the same inputs give the same model bytes.
 */
public final class BoostedCurveModel implements CurveModel {

    private static final RegressionFactory FACTORY = new RegressionFactory();

    private final XGBoostModel<Regressor> model;
    private final CurveModel stacked;
    private final CurveModel offset;
    private final int horizon;
    private final String[] dimensions;

    private BoostedCurveModel(XGBoostModel<Regressor> model, CurveModel stacked, CurveModel offset, int horizon) {
        this.model = model;
        this.stacked = stacked;
        this.offset = offset;
        this.horizon = horizon;
        this.dimensions = dimensionNames(horizon);
    }

    /**
     * Trains on {@code fit} (all with actuals). {@code stacked} (may be null) adds another model's forecast as
     * features; {@code offset} (may be null) is the curve the target is taken relative to, in log1p space.
     */
    @SuppressWarnings("unchecked")
    public static BoostedCurveModel train(List<LaunchExample> fit, CurveModel stacked, CurveModel offset,
                                          ModelSettings settings) {
        int horizon = settings.horizon();
        String[] dims = dimensionNames(horizon);
        LocalDate latest = fit.stream().map(e -> e.product().launchDate()).max(Comparator.naturalOrder())
                .orElse(LocalDate.EPOCH);
        // a provenance time taken from the data, not the clock, keeps the model bytes reproducible
        OffsetDateTime dataTime = latest.atStartOfDay().atOffset(ZoneOffset.UTC);
        MutableDataset<Regressor> dataset = new MutableDataset<>(
                new SimpleDataSourceProvenance("launch-features", dataTime, FACTORY), FACTORY);
        for (LaunchExample e : fit) {
            double[] target = new double[horizon];
            double[] base = offset == null ? new double[horizon] : offset.predict(e);
            for (int h = 0; h < horizon; h++) {
                target[h] = Math.log1p(Math.max(0, e.actual()[h])) - Math.log1p(base[h]);
            }
            dataset.add(example(e, stacked, new Regressor(dims, target)));
        }
        ModelSettings.Boosting b = settings.boosting();
        XGBoostRegressionTrainer trainer = new XGBoostRegressionTrainer(XGBoostTrainer.BoosterType.GBTREE,
                XGBoostTrainer.TreeMethod.HIST, XGBoostRegressionTrainer.RegressionType.LINEAR, b.rounds(), b.eta(),
                0.0, b.maxDepth(), b.minChildWeight(), b.subsample(), b.colsample(), 1.0, 0.0, b.threads(),
                XGBoostTrainer.LoggingVerbosity.SILENT, settings.seed());
        XGBoostModel<Regressor> trained = (XGBoostModel<Regressor>) trainer.train(dataset);
        return new BoostedCurveModel(pinTime(trained, dataTime), stacked, offset, horizon);
    }

    @SuppressWarnings("unchecked")
    private static XGBoostModel<Regressor> pinTime(XGBoostModel<Regressor> model, OffsetDateTime time) {
        ModelProvenance p = model.getProvenance();
        ModelProvenance pinned = new ModelProvenance(p.getClassName(), time, p.getDatasetProvenance(),
                p.getTrainerProvenance(), Map.of());
        try {
            Method copy = Model.class.getDeclaredMethod("copy", String.class, ModelProvenance.class);
            copy.setAccessible(true);
            return (XGBoostModel<Regressor>) copy.invoke(model, model.getName(), pinned);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot pin the provenance time of the Tribuo model", e);
        }
    }

    private static String[] dimensionNames(int horizon) {
        String[] dims = new String[horizon];
        for (int h = 0; h < horizon; h++) {
            dims[h] = String.format("h%03d", h); // zero-padded: Tribuo orders dimensions by name
        }
        return dims;
    }

    private static Example<Regressor> example(LaunchExample e, CurveModel stacked, Regressor output) {
        TreeMap<String, Double> features = featureMap(e, stacked);
        String[] names = features.keySet().toArray(String[]::new);
        double[] values = features.values().stream().mapToDouble(Double::doubleValue).toArray();
        return new ArrayExample<>(output, names, values);
    }

    private static TreeMap<String, Double> featureMap(LaunchExample e, CurveModel stacked) {
        TreeMap<String, Double> features = new TreeMap<>();
        e.features().numeric().forEach((name, value) -> {
            if (Double.isFinite(value)) {
                features.put(name, value); // a non-finite value is missing: XGBoost handles absent features
            }
        });
        e.features().categorical().forEach((name, value) -> features.put(name + "=" + value, 1.0));
        if (stacked != null) {
            double[] p = stacked.predict(e);
            double total = 0;
            for (int h = 0; h < p.length; h++) {
                features.put("stacked.h" + h, Math.log1p(p[h]));
                total += p[h];
            }
            features.put("stacked.total", Math.log1p(total));
        }
        return features;
    }

    @Override
    public String name() {
        return "boosted";
    }

    @Override
    public double[] predict(LaunchExample example) {
        return predictAll(List.of(example)).get(0);
    }

    /** Forecasts many launches in one native call per booster. */
    public List<double[]> predictAll(List<LaunchExample> examples) {
        List<Example<Regressor>> batch = new ArrayList<>();
        for (LaunchExample e : examples) {
            batch.add(example(e, stacked, RegressionFactory.UNKNOWN_MULTIPLE_REGRESSOR));
        }
        List<Prediction<Regressor>> predictions = model.predict(batch);
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < predictions.size(); i++) {
            double[] curve = new double[horizon];
            Regressor r = predictions.get(i).getOutput();
            double[] base = offset == null ? new double[horizon] : offset.predict(examples.get(i));
            for (int h = 0; h < horizon; h++) {
                double log = r.getDimension(dimensions[h]).get().getValue() + Math.log1p(base[h]);
                curve[h] = Math.max(0, Math.expm1(log));
            }
            out.add(curve);
        }
        return out;
    }

    @Override
    public Explanation explain(LaunchExample example) {
        TreeMap<String, Double> features = featureMap(example, stacked);
        ImmutableFeatureMap ids = model.getFeatureIDMap();
        List<Integer> idx = new ArrayList<>();
        List<Float> val = new ArrayList<>();
        TreeMap<Integer, String> names = new TreeMap<>();
        features.forEach((name, value) -> {
            int id = ids.getID(name);
            if (id >= 0) {
                names.put(id, name);
            }
        });
        names.forEach((id, name) -> {
            idx.add(id);
            val.add(features.get(name).floatValue());
        });
        int[] indices = idx.stream().mapToInt(Integer::intValue).toArray();
        float[] values = new float[val.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = val.get(i);
        }
        double[] sum = new double[ids.size()];
        try {
            DMatrix row = new DMatrix(new long[] {0, indices.length}, indices, values, DMatrix.SparseType.CSR,
                    ids.size());
            for (Booster booster : model.getInnerModels()) {
                float[][] contrib = booster.predictContrib(row, 0);
                for (int f = 0; f < ids.size(); f++) {
                    sum[f] += contrib[0][f] / horizon;
                }
            }
            row.dispose();
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost could not explain a forecast", e);
        }
        List<Explanation.Contribution> contributions = new ArrayList<>();
        for (int f = 0; f < sum.length; f++) {
            if (sum[f] != 0) {
                contributions.add(new Explanation.Contribution(ids.get(f).getName(), sum[f]));
            }
        }
        contributions.sort(Comparator.comparingDouble((Explanation.Contribution c) -> -Math.abs(c.value())));
        return new Explanation(List.of(), contributions.subList(0, Math.min(8, contributions.size())));
    }

    /**
     * Rebuilds a model from {@link #modelBytes()}, with the same stacked and offset models it was trained with.
     */
    @SuppressWarnings("unchecked")
    public static BoostedCurveModel fromBytes(byte[] bytes, CurveModel stacked, CurveModel offset, int horizon) {
        try {
            Model<?> model = Model.deserialize(org.tribuo.protos.core.ModelProto.parseFrom(bytes));
            return new BoostedCurveModel((XGBoostModel<Regressor>) model, stacked, offset, horizon);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("not a Tribuo model", e);
        }
    }

    /** Whether the target was taken relative to an offset curve. */
    public boolean hasOffset() {
        return offset != null;
    }

    /** The Tribuo model's protobuf bytes (provenance included, time pinned to the data). */
    public byte[] modelBytes() {
        return model.serialize().toByteArray();
    }

    /** Tribuo's provenance of the trained model, as text. */
    public String tribuoProvenance() {
        return model.getProvenance().toString();
    }
}

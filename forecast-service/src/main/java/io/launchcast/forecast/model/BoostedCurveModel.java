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
public final class BoostedCurveModel implements EnsembleComponent {

    private static final RegressionFactory FACTORY = new RegressionFactory();

    private final XGBoostModel<Regressor> model;
    private final CurveModel stacked;
    private final CurveModel offset;
    private final int horizon;
    /** The boosters evaluated in Java; {@code boosterOfPeriod[h]} is the booster of horizon period h. */
    private final FlatBoosters boosters;
    private final int[] boosterOfPeriod;
    private static final int TOP_CONTRIBUTIONS = 8;
    /** Feature names by id. */
    private final String[] featureNames;
    /**
     * Feature ids by name, in a plain map: Tribuo's {@code getID} goes through its per-feature variable info,
     * which was a twentieth of a batch forecast's time for ~150 look-ups per product.
     */
    private final Map<String, Integer> numericIds = new java.util.HashMap<>();
    /** Ids of the one-hot features {@code <name>=<value>}, by name and value: no string to build per forecast. */
    private final Map<String, Map<String, Integer>> categoricalIds = new java.util.HashMap<>();
    /** The stacked forecast's feature name of each period, built once. */
    private final String[] stackedPeriodNames;

    private BoostedCurveModel(XGBoostModel<Regressor> model, CurveModel stacked, CurveModel offset, int horizon) {
        this.model = model;
        this.stacked = stacked;
        this.offset = offset;
        this.horizon = horizon;
        ImmutableFeatureMap featureIds = model.getFeatureIDMap();
        this.featureNames = new String[featureIds.size()];
        for (int f = 0; f < featureNames.length; f++) {
            featureNames[f] = featureIds.get(f).getName();
            numericIds.put(featureNames[f], f);
            int eq = featureNames[f].indexOf('=');
            if (eq > 0) {
                categoricalIds.computeIfAbsent(featureNames[f].substring(0, eq), k -> new java.util.HashMap<>())
                        .put(featureNames[f].substring(eq + 1), f);
            }
        }
        this.boosters = FlatBoosters.of(model.getInnerModels(), featureIds.size());
        // Tribuo keeps one booster per output dimension id; find each period's dimension by name
        String[] dimensions = dimensionNames(horizon);
        this.stackedPeriodNames = java.util.stream.IntStream.range(0, horizon).mapToObj(h -> "stacked.h" + h)
                .toArray(String[]::new);
        this.boosterOfPeriod = new int[horizon];
        for (int h = 0; h < horizon; h++) {
            boosterOfPeriod[h] = -1;
            for (int id = 0; id < boosters.size(); id++) {
                if (model.getOutputIDInfo().getOutput(id).getNames()[0].equals(dimensions[h])) {
                    boosterOfPeriod[h] = id;
                }
            }
            if (boosterOfPeriod[h] < 0) {
                throw new IllegalArgumentException("the boosted model has no output " + dimensions[h]);
            }
        }
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
                0.0, b.maxDepth(), b.minChildWeight(), b.subsample(), b.colsample(), 1.0, 0.0,
                BoostingThreads.usable(b.threads()),
                XGBoostTrainer.LoggingVerbosity.SILENT, settings.seed());
        XGBoostModel<Regressor> trained = NativeTraining.onOwnThread(
                () -> (XGBoostModel<Regressor>) trainer.train(dataset));
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
        features(e, stacked == null ? null : stacked.predict(e), null, new FeatureSink() {
            @Override
            public void numeric(String name, double value) {
                features.put(name, value);
            }

            @Override
            public void oneHot(String name, String value) {
                features.put(name + "=" + value, 1.0);
            }
        });
        return features;
    }

    /** Where an example's features go: Tribuo's named example when training, a dense row when forecasting. */
    private interface FeatureSink {

        void numeric(String name, double value);

        /** The one-hot feature {@code <name>=<value>}. */
        void oneHot(String name, String value);
    }

    /**
     * The model's inputs, defined once for training and forecasting: the finite numeric features (a non-finite
     * value is missing, which XGBoost handles), one-hot categories, and the stacked model's forecast in log1p.
     *
     * @param stackedCurve the stacked model's forecast of {@code e}, or null when nothing is stacked
     * @param stackedNames the stacked features' names per period, or null to build them
     */
    private static void features(LaunchExample e, double[] stackedCurve, String[] stackedNames, FeatureSink sink) {
        e.features().numeric().forEach((name, value) -> {
            if (Double.isFinite(value)) {
                sink.numeric(name, value);
            }
        });
        e.features().categorical().forEach(sink::oneHot);
        if (stackedCurve != null) {
            double[] p = stackedCurve;
            double total = 0;
            for (int h = 0; h < p.length; h++) {
                sink.numeric(stackedNames == null ? "stacked.h" + h : stackedNames[h], Math.log1p(p[h]));
                total += p[h];
            }
            sink.numeric("stacked.total", Math.log1p(total));
        }
    }

    @Override
    public String name() {
        return "boosted";
    }

    @Override
    public double[] predict(LaunchExample example) {
        return curve(example, boosters.predict(row(example)));
    }

    /** The forecast of each example by the model cut to its first {@code rounds[i]} rounds, for each i. */
    List<double[][]> predictAfterRounds(List<LaunchExample> examples, int[] rounds) {
        List<double[][]> out = new ArrayList<>(examples.size());
        for (LaunchExample e : examples) {
            double[][] margins = boosters.predictAfterRounds(row(e), rounds);
            double[][] curves = new double[rounds.length][];
            for (int i = 0; i < rounds.length; i++) {
                curves[i] = curve(e, margins[i]);
            }
            out.add(curves);
        }
        return out;
    }

    private double[] curve(LaunchExample example, double[] margins) {
        double[] base = offset == null ? null : offset.predict(example);
        double[] curve = new double[horizon];
        for (int h = 0; h < horizon; h++) {
            double log = margins[boosterOfPeriod[h]] + (base == null ? 0 : Math.log1p(base[h]));
            curve[h] = Math.max(0, Math.expm1(log));
        }
        return curve;
    }

    /** The predictions of xgboost4j itself, which {@link #predict} reproduces in Java (kept for tests). */
    List<double[]> predictNatively(List<LaunchExample> examples) {
        List<Example<Regressor>> batch = new ArrayList<>();
        for (LaunchExample e : examples) {
            batch.add(example(e, stacked, RegressionFactory.UNKNOWN_MULTIPLE_REGRESSOR));
        }
        List<Prediction<Regressor>> predictions = model.predict(batch);
        String[] dimensions = dimensionNames(horizon);
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

    /** The example as a dense float row of the model's feature ids, NaN where a feature is absent. */
    private float[] row(LaunchExample example) {
        return row(example, stacked == null ? null : stacked.predict(example));
    }

    private float[] row(LaunchExample example, double[] stackedCurve) {
        // set by id straight away: sorting ~150 names in a TreeMap was a tenth of a forecast's time, and only
        // Tribuo's examples need them sorted
        float[] row = boosters.newRow();
        features(example, stackedCurve, stackedPeriodNames, new FeatureSink() {
            @Override
            public void numeric(String name, double value) {
                Integer id = numericIds.get(name);
                if (id != null) {
                    row[id] = (float) value;
                }
            }

            @Override
            public void oneHot(String name, String value) {
                Integer id = categoricalIds.getOrDefault(name, Map.of()).get(value);
                if (id != null) {
                    row[id] = 1f;
                }
            }
        });
        return row;
    }

    /** The boosters and the rows they read, for the tree-walk profile. */
    FlatBoosters boosters() {
        return boosters;
    }

    float[] rowOf(LaunchExample example) {
        return row(example);
    }

    /** The stacked model and the offset curve: the forecast is built on theirs. */
    @Override
    public List<CurveModel> inputs() {
        List<CurveModel> inputs = new ArrayList<>(2);
        if (stacked != null) {
            inputs.add(stacked);
        }
        if (offset != null) {
            inputs.add(offset);
        }
        return inputs;
    }

    /** Each booster's margin (log1p units relative to the offset), in booster order. */
    double[] margins(LaunchExample example) {
        return boosters.predict(row(example));
    }

    /** Mean path contribution of each feature id over the boosters, the bias last. */
    double[] contributions(LaunchExample example) {
        return boosters.predictWithContributions(row(example), new double[boosters.size()]);
    }

    @Override
    public Explanation explain(LaunchExample example) {
        return explanation(contributions(example));
    }

    /** The forecast and the contributions that explain it come from the same walk down the trees. */
    @Override
    public Explained predictExplained(LaunchExample example) {
        double[] margins = new double[boosters.size()];
        double[] contributions = boosters.predictWithContributions(row(example), margins);
        return new Explained(curve(example, margins), explanation(contributions));
    }

    /**
     * Many examples at once: their rows go through each tree together ({@link FlatBoosters#predictBlock}), which
     * is what makes batch forecasting fast. The same numbers as one example at a time.
     */
    @Override
    public List<Explained> predictAll(List<LaunchExample> examples, boolean explain) {
        int count = examples.size();
        float[][] rows = new float[count][];
        double[][] margins = new double[count][boosters.size()];
        double[][] contributions = explain ? new double[count][featureNames.length + 1] : null;
        // the stacked model answers for the whole block at once (the analog model then remembers the block)
        List<Explained> stackedAnswers = stacked == null ? null : stacked.predictAll(examples, false);
        for (int i = 0; i < count; i++) {
            rows[i] = row(examples.get(i), stackedAnswers == null ? null : stackedAnswers.get(i).mean());
        }
        boosters.predictBlock(rows, count, margins, contributions);
        List<Explained> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(new Explained(curve(examples.get(i), margins[i]),
                    explain ? explanation(contributions[i]) : Explanation.EMPTY));
        }
        return out;
    }

    /**
     * The {@link #TOP_CONTRIBUTIONS} largest contributions by magnitude, ties in feature-id order (as a stable
     * sort would give): picked in one pass instead of building and sorting all of them for every forecast.
     */
    private Explanation explanation(double[] mean) {
        int[] top = new int[TOP_CONTRIBUTIONS];
        int size = 0;
        for (int f = 0; f < featureNames.length; f++) { // the last slot, the bias, explains nothing
            double magnitude = Math.abs(mean[f]);
            if (magnitude == 0 || (size == top.length && magnitude <= Math.abs(mean[top[size - 1]]))) {
                continue;
            }
            int at = Math.min(size, top.length - 1);
            while (at > 0 && Math.abs(mean[top[at - 1]]) < magnitude) {
                top[at] = top[at - 1];
                at--;
            }
            top[at] = f;
            size = Math.min(size + 1, top.length);
        }
        List<Explanation.Contribution> contributions = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            contributions.add(new Explanation.Contribution(featureNames[top[i]], mean[top[i]]));
        }
        return new Explanation(List.of(), contributions);
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

    /** The Tribuo model is the section named after this model; stacked and offset models are named. */
    @Override
    public ComponentSpec spec() {
        return new BoostedSpec(name(), stacked == null ? null : stacked.name(), offset == null ? null : offset.name());
    }

    @Override
    public Map<String, byte[]> sections() {
        return Map.of(name(), modelBytes());
    }

    @Override
    public String provenance() {
        return tribuoProvenance();
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

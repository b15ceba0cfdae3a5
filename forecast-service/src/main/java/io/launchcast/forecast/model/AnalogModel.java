package io.launchcast.forecast.model;

import io.launchcast.features.compute.LaunchHistory;
import io.launchcast.features.compute.PastLaunch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The analog model: the k past launches most similar to the product, with similarity a weighted share of
 * equal attribute values, and their curves averaged with the similarities as weights. Only what was known at
 * the product's as-of date is used: launches before it, cut to their ended periods; a neighbour's periods
 * not known yet are filled from its relative level times the mean curve of that date. The attribute weights
 * and k are learned by coordinate search on the WAPE of earlier launches (see {@link #learn}).
 */
public final class AnalogModel implements CurveModel {

    private static final double[] WEIGHT_GRID = {0.0, 0.25, 0.5, 1.0, 2.0, 4.0};

    private final LaunchHistory history;
    private final List<String> attributes;
    private final double[] weights;
    private final int k;
    private final int horizon;

    public AnalogModel(LaunchHistory history, List<String> attributes, double[] weights, int k, int horizon) {
        this.history = history;
        this.attributes = List.copyOf(attributes);
        this.weights = weights.clone();
        this.k = k;
        this.horizon = horizon;
    }

    /**
     * Learns attribute weights and k on {@code tuning} launches (each forecast from its own as-of snapshot,
     * so every forecast is out of sample): two passes of coordinate search over a small weight grid, then k.
     */
    public static AnalogModel learn(LaunchHistory history, List<String> attributes, List<Integer> kCandidates,
                                    List<LaunchExample> tuning, int horizon) {
        double[] w = new double[attributes.size()];
        Arrays.fill(w, 1.0);
        int k = kCandidates.get(kCandidates.size() / 2);
        double best = new AnalogModel(history, attributes, w, k, horizon).wape(tuning);
        for (int pass = 0; pass < 2; pass++) {
            for (int a = 0; a < w.length; a++) {
                double keep = w[a];
                for (double candidate : WEIGHT_GRID) {
                    if (candidate == keep) {
                        continue;
                    }
                    double[] trial = w.clone();
                    trial[a] = candidate;
                    if (Arrays.stream(trial).sum() == 0) {
                        continue;
                    }
                    double score = new AnalogModel(history, attributes, trial, k, horizon).wape(tuning);
                    if (score < best - 1e-9) {
                        best = score;
                        w = trial;
                    }
                }
            }
            for (int candidate : kCandidates) {
                double score = new AnalogModel(history, attributes, w, candidate, horizon).wape(tuning);
                if (score < best - 1e-9) {
                    best = score;
                    k = candidate;
                }
            }
        }
        return new AnalogModel(history, attributes, w, k, horizon);
    }

    private double wape(List<LaunchExample> examples) {
        double err = 0;
        double tot = 0;
        for (LaunchExample e : examples) {
            double[] p = predict(e);
            for (int h = 0; h < horizon; h++) {
                err += Math.abs(e.actual()[h] - p[h]);
                tot += e.actual()[h];
            }
        }
        return tot == 0 ? 0 : err / tot;
    }

    /** The learned weight of each attribute, by name. */
    public Map<String, Double> attributeWeights() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < attributes.size(); i++) {
            m.put(attributes.get(i), weights[i]);
        }
        return m;
    }

    /** The learned neighbour count. */
    public int k() {
        return k;
    }

    @Override
    public String name() {
        return "analog";
    }

    @Override
    public double[] predict(LaunchExample example) {
        return neighbours(example).curve;
    }

    @Override
    public Explanation explain(LaunchExample example) {
        Neighbours n = neighbours(example);
        List<Explanation.Analog> analogs = new ArrayList<>();
        for (int i = 0; i < Math.min(5, n.ids.size()); i++) {
            analogs.add(new Explanation.Analog(n.ids.get(i), n.weights.get(i), n.similarities.get(i)));
        }
        return new Explanation(analogs, List.of());
    }

    private record Neighbours(double[] curve, List<String> ids, List<Double> weights, List<Double> similarities) {
    }

    private Neighbours neighbours(LaunchExample example) {
        LaunchHistory.Snapshot snapshot = history.asOf(example.features().asOf());
        List<PastLaunch> past = snapshot.past();
        double[] mean = snapshot.meanCurve();
        double totalWeight = Arrays.stream(weights).sum();
        String[] values = new String[attributes.size()];
        for (int a = 0; a < values.length; a++) {
            values[a] = example.product().attribute(attributes.get(a));
        }
        long[] keys = new long[past.size()];
        for (int i = 0; i < past.size(); i++) {
            double s = 0;
            for (int a = 0; a < values.length; a++) {
                if (values[a] != null && values[a].equals(past.get(i).curve().product().attribute(attributes.get(a)))) {
                    s += weights[a];
                }
            }
            double sim = totalWeight == 0 ? 0 : s / totalWeight;
            // most similar first; within equal similarity the list order (most recent first) decides
            keys[i] = ((long) Math.round((1.0 - sim) * 1_000_000L) << 24) | i;
        }
        Arrays.sort(keys);
        int take = Math.min(k, keys.length);
        double[] curve = new double[horizon];
        List<String> ids = new ArrayList<>();
        List<Double> ws = new ArrayList<>();
        List<Double> sims = new ArrayList<>();
        double wSum = 0;
        for (int j = 0; j < take; j++) {
            int i = (int) (keys[j] & 0xFFFFFF);
            double sim = 1.0 - (keys[j] >>> 24) / 1_000_000.0;
            double w = sim + 0.05; // dissimilar neighbours still count a little, so k is never empty-handed
            PastLaunch p = past.get(i);
            for (int h = 0; h < horizon; h++) {
                double cell = h < p.knownPeriods() ? p.curve().units()[h]
                        : (Double.isNaN(mean[h]) ? 0.0 : mean[h] * p.relativeLevel());
                curve[h] += w * cell;
            }
            wSum += w;
            ids.add(p.curve().product().id());
            ws.add(w);
            sims.add(sim);
        }
        if (wSum > 0) {
            for (int h = 0; h < horizon; h++) {
                curve[h] /= wSum;
            }
            for (int j = 0; j < ws.size(); j++) {
                ws.set(j, ws.get(j) / wSum);
            }
        }
        return new Neighbours(curve, ids, ws, sims);
    }
}

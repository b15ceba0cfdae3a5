package io.launchcast.forecast.model;

import io.launchcast.features.compute.AttributeIndex;
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
    /**
     * The neighbours of the last example this thread asked about. One ensemble forecast asks up to four times
     * for the same example (as a blend component, as the boosted model's stacked feature, and in both
     * explanations); the search is the dearest part of a forecast, so it runs once.
     */
    private final ThreadLocal<LastSearch> last = new ThreadLocal<>();

    private record LastSearch(LaunchExample example, Neighbours neighbours) {
    }

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
        AnalogModel probe = new AnalogModel(history, attributes, w, k, horizon);
        List<Candidates> cached = tuning.stream().map(probe::candidates).toList();
        double best = new AnalogModel(history, attributes, w, k, horizon).wape(tuning, cached);
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
                    double score = new AnalogModel(history, attributes, trial, k, horizon).wape(tuning, cached);
                    if (score < best - 1e-9) {
                        best = score;
                        w = trial;
                    }
                }
            }
            for (int candidate : kCandidates) {
                double score = new AnalogModel(history, attributes, w, candidate, horizon).wape(tuning, cached);
                if (score < best - 1e-9) {
                    best = score;
                    k = candidate;
                }
            }
        }
        return new AnalogModel(history, attributes, w, k, horizon);
    }

    private double wape(List<LaunchExample> examples, List<Candidates> cached) {
        double err = 0;
        double tot = 0;
        for (int i = 0; i < examples.size(); i++) {
            LaunchExample e = examples.get(i);
            double[] p = neighbours(cached.get(i)).curve();
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
        return neighbours(example).curve.clone();
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

    /**
     * The past launches of one as-of snapshot grouped by which attributes they share with the product (a
     * bit mask), each group in the snapshot's most-recent-first order. Ranking by similarity is then a
     * matter of ordering at most 2^attributes groups, whatever the weights: this is what makes learning the
     * weights by search affordable.
     */
    private record Candidates(List<PastLaunch> past, AttributeIndex.Groups byMask, double[] mean) {
    }

    private Candidates candidates(LaunchExample example) {
        LaunchHistory.Snapshot snapshot = history.asOf(example.features().asOf());
        int[] masks = snapshot.matchMasks(example.product(), attributes);
        return new Candidates(snapshot.past(), AttributeIndex.Groups.of(masks, 1 << attributes.size()),
                snapshot.meanCurve());
    }

    private Neighbours neighbours(LaunchExample example) {
        LastSearch previous = last.get();
        if (previous != null && previous.example() == example) { // the same instance: records compare by value
            return previous.neighbours();
        }
        Neighbours found = neighbours(candidates(example));
        last.set(new LastSearch(example, found));
        return found;
    }

    private Neighbours neighbours(Candidates candidates) {
        int a = attributes.size();
        double totalWeight = Arrays.stream(weights).sum();
        Integer[] masks = new Integer[1 << a];
        double[] sims = new double[1 << a];
        for (int m = 0; m < masks.length; m++) {
            masks[m] = m;
            double s = 0;
            for (int i = 0; i < a; i++) {
                if ((m & (1 << i)) != 0) {
                    s += weights[i];
                }
            }
            sims[m] = totalWeight == 0 ? 0 : s / totalWeight;
        }
        // most similar group first; equal similarity keeps the mask order, within a group the most recent first
        Arrays.sort(masks, (x, y) -> Double.compare(sims[y], sims[x]));
        double[] mean = candidates.mean();
        double[] curve = new double[horizon];
        List<String> ids = new ArrayList<>();
        List<Double> ws = new ArrayList<>();
        List<Double> similarities = new ArrayList<>();
        double wSum = 0;
        int taken = 0;
        for (int mi = 0; mi < masks.length && taken < k; mi++) {
            double sim = sims[masks[mi]];
            AttributeIndex.Groups groups = candidates.byMask();
            for (int g = groups.start()[masks[mi]]; g < groups.start()[masks[mi] + 1]; g++) {
                PastLaunch p = candidates.past().get(groups.order()[g]);
                if (taken == k) {
                    break;
                }
                double w = sim + 0.05; // dissimilar neighbours still count a little, so k is never empty-handed
                for (int h = 0; h < horizon; h++) {
                    double cell = h < p.knownPeriods() ? p.curve().units()[h]
                            : (Double.isNaN(mean[h]) ? 0.0 : mean[h] * p.relativeLevel());
                    curve[h] += w * cell;
                }
                wSum += w;
                if (ids.size() < 20) {
                    ids.add(p.curve().product().id());
                    ws.add(w);
                    similarities.add(sim);
                }
                taken++;
            }
        }
        if (wSum > 0) {
            for (int h = 0; h < horizon; h++) {
                curve[h] /= wSum;
            }
            for (int j = 0; j < ws.size(); j++) {
                ws.set(j, ws.get(j) / wSum);
            }
        }
        return new Neighbours(curve, ids, ws, similarities);
    }
}

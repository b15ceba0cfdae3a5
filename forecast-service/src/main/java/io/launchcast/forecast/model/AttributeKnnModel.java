package io.launchcast.forecast.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Baseline: the mean curve of the k fit launches most similar by the share of equal attribute values
 * (equal weights); ties go to the most recent launches.
 */
public final class AttributeKnnModel implements CurveModel {

    private final List<LaunchExample> fit;
    private final List<String> attributes;
    private final int k;
    private final int horizon;

    public AttributeKnnModel(List<LaunchExample> fit, List<String> attributes, int k, int horizon) {
        List<LaunchExample> sorted = new ArrayList<>(fit);
        sorted.sort(Comparator.comparing((LaunchExample e) -> e.product().launchDate()).reversed()
                .thenComparing(e -> e.product().id()));
        this.fit = List.copyOf(sorted);
        this.attributes = List.copyOf(attributes);
        this.k = k;
        this.horizon = horizon;
    }

    @Override
    public String name() {
        return "attribute-knn-" + k;
    }

    @Override
    public double[] predict(LaunchExample example) {
        int a = attributes.size();
        List<List<LaunchExample>> buckets = new ArrayList<>();
        for (int i = 0; i <= a; i++) {
            buckets.add(new ArrayList<>());
        }
        for (LaunchExample e : fit) {
            int m = 0;
            for (String name : attributes) {
                String v = example.product().attribute(name);
                if (v != null && v.equals(e.product().attribute(name))) {
                    m++;
                }
            }
            buckets.get(m).add(e);
        }
        double[] curve = new double[horizon];
        int taken = 0;
        for (int m = a; m >= 0 && taken < k; m--) {
            for (LaunchExample e : buckets.get(m)) {
                if (taken == k) {
                    break;
                }
                for (int h = 0; h < horizon; h++) {
                    curve[h] += e.actual()[h];
                }
                taken++;
            }
        }
        for (int h = 0; h < horizon; h++) {
            curve[h] /= Math.max(1, taken);
        }
        return curve;
    }
}

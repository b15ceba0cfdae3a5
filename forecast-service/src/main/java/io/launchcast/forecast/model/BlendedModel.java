package io.launchcast.forecast.model;

import java.util.ArrayList;
import java.util.List;

/**
 * A convex blend of component models times a level factor; both are fitted on held-out latest launches
 * (see {@link Selection}). The explanation merges those of the components that drive the forecast;
 * {@link EnsembleSpec#of} says what it learned.
 */
public final class BlendedModel implements CurveModel {

    private final String name;
    private final List<CurveModel> components;
    private final double[] weights;
    private final double level;

    public BlendedModel(String name, List<CurveModel> components, double[] weights, double level) {
        this.name = name;
        this.components = List.copyOf(components);
        this.weights = weights.clone();
        this.level = level;
    }

    @Override
    public String name() {
        return name;
    }

    /** Blend weights in component order. */
    public double[] weights() {
        return weights.clone();
    }

    /** The level factor applied after blending. */
    public double level() {
        return level;
    }

    /** The components in blend order. */
    public List<CurveModel> components() {
        return components;
    }

    @Override
    public double[] predict(LaunchExample example) {
        double[] out = null;
        for (int i = 0; i < components.size(); i++) {
            if (weights[i] == 0) {
                continue;
            }
            double[] p = components.get(i).predict(example);
            if (out == null) {
                out = new double[p.length];
            }
            for (int h = 0; h < p.length; h++) {
                out[h] += weights[i] * p[h] * level;
            }
        }
        return out;
    }

    /** Blends already computed component forecasts (used on validation, where they are cached). */
    public static double[] blend(List<double[]> componentForecasts, double[] weights, double level) {
        double[] out = new double[componentForecasts.get(0).length];
        for (int i = 0; i < componentForecasts.size(); i++) {
            for (int h = 0; h < out.length; h++) {
                out[h] += weights[i] * componentForecasts.get(i)[h] * level;
            }
        }
        return out;
    }

    @Override
    public Explained predictExplained(LaunchExample example) {
        return predictAll(List.of(example), true).get(0);
    }

    /** As {@link #predictExplained} for each example, with each component asked for all of them at once. */
    @Override
    public List<Explained> predictAll(List<LaunchExample> examples, boolean explain) {
        int count = examples.size();
        double[][] out = new double[count][];
        List<List<Explanation.Analog>> analogs = new ArrayList<>(count);
        List<List<Explanation.Contribution>> contributions = new ArrayList<>(count);
        for (int j = 0; j < count; j++) {
            analogs.add(new ArrayList<>());
            contributions.add(new ArrayList<>());
        }
        boolean[] explaining = explaining();
        for (int i = 0; i < components.size(); i++) {
            CurveModel component = components.get(i);
            if (weights[i] == 0) {
                for (int j = 0; explain && explaining[i] && j < count; j++) {
                    Explanation e = component.explain(examples.get(j));
                    analogs.get(j).addAll(e.analogs());
                    contributions.get(j).addAll(e.contributions());
                }
                continue;
            }
            List<Explained> answers = component.predictAll(examples, explain);
            for (int j = 0; j < count; j++) {
                double[] mean = answers.get(j).mean();
                if (out[j] == null) {
                    out[j] = new double[mean.length];
                }
                for (int h = 0; h < mean.length; h++) {
                    out[j][h] += weights[i] * mean[h] * level;
                }
                analogs.get(j).addAll(answers.get(j).explanation().analogs());
                contributions.get(j).addAll(answers.get(j).explanation().contributions());
            }
        }
        List<Explained> answers = new ArrayList<>(count);
        for (int j = 0; j < count; j++) {
            answers.add(new Explained(out[j], explain ? new Explanation(analogs.get(j), contributions.get(j))
                    : Explanation.EMPTY));
        }
        return answers;
    }

    @Override
    public Explanation explain(LaunchExample example) {
        List<Explanation.Analog> analogs = new ArrayList<>();
        List<Explanation.Contribution> contributions = new ArrayList<>();
        boolean[] explaining = explaining();
        for (int i = 0; i < components.size(); i++) {
            if (explaining[i]) {
                Explanation e = components.get(i).explain(example);
                analogs.addAll(e.analogs());
                contributions.addAll(e.contributions());
            }
        }
        return new Explanation(analogs, contributions);
    }

    /** Whether a component that drives the forecast reads the product. */
    @Override
    public boolean readsTheProduct() {
        boolean[] explaining = explaining();
        for (int i = 0; i < components.size(); i++) {
            if (explaining[i] && components.get(i).readsTheProduct()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Which components explain a forecast: those with weight, and those whose forecasts a weighted one takes as
     * features ({@link CurveModel#inputs}). A component the blend ignores drove nothing: a median curve chosen
     * alone is not explained by the analogs and boosted features it was chosen over.
     */
    private boolean[] explaining() {
        boolean[] explaining = new boolean[components.size()];
        java.util.ArrayDeque<CurveModel> driving = new java.util.ArrayDeque<>();
        for (int i = 0; i < components.size(); i++) {
            if (weights[i] != 0) {
                driving.add(components.get(i));
            }
        }
        java.util.Set<CurveModel> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        while (!driving.isEmpty()) {
            CurveModel model = driving.poll();
            if (seen.add(model)) {
                driving.addAll(model.inputs());
            }
        }
        for (int i = 0; i < components.size(); i++) {
            explaining[i] = seen.contains(components.get(i));
        }
        return explaining;
    }
}

package io.launchcast.forecast.model;

import java.util.ArrayList;
import java.util.List;

/** A fitted model that forecasts the mean launch curve of a product from its launch example. */
public interface CurveModel {

    /** Short name shown in reports. */
    String name();

    /** Mean units per horizon period; never negative. */
    double[] predict(LaunchExample example);

    /**
     * Whether the forecast is a median of what similar launches sold rather than their mean (an error summed
     * over lumpy sales rewards the median): its bias is by design, so a level factor that removes bias must not
     * be fitted to it.
     */
    default boolean medianForecast() {
        return false;
    }

    /**
     * The models whose forecasts this one takes as features (a boosted model stacked on the analog model): what
     * drives them drives this forecast too, so they explain it even where a blend gives them no weight of their
     * own.
     */
    default List<CurveModel> inputs() {
        return List.of();
    }

    /**
     * Whether anything about the product itself (its attributes, words or price) can change its forecast. The
     * global curves forecast every launch of a date alike; a planner is told so with each of their forecasts.
     */
    default boolean readsTheProduct() {
        return true;
    }

    /** Why this forecast: analogs and feature contributions when the model can tell, else empty. */
    default Explanation explain(LaunchExample example) {
        return Explanation.EMPTY;
    }

    /**
     * The forecast and its explanation together; models whose explanation retraces the forecast's work
     * override this to do it once.
     */
    default Explained predictExplained(LaunchExample example) {
        return new Explained(predict(example), explain(example));
    }

    /**
     * The forecasts (and, when {@code explain}, the explanations) of many examples, in their order. Models that
     * gain from working on many rows at once override this; the answers equal one example at a time.
     */
    default List<Explained> predictAll(List<LaunchExample> examples, boolean explain) {
        List<Explained> out = new ArrayList<>(examples.size());
        for (LaunchExample example : examples) {
            out.add(explain ? predictExplained(example) : new Explained(predict(example), Explanation.EMPTY));
        }
        return out;
    }

    /** A mean curve with its explanation. */
    record Explained(double[] mean, Explanation explanation) {
    }
}

package io.launchcast.forecast.model;

import java.util.List;

/**
 * Why a forecast is what it is: the past launches that drove it with their normalised weights, and the
 * features that moved it most, signed (positive = more units), in log-units of the boosted model.
 */
public record Explanation(List<Analog> analogs, List<Contribution> contributions) {

    /** No explanation available. */
    public static final Explanation EMPTY = new Explanation(List.of(), List.of());

    public Explanation {
        analogs = List.copyOf(analogs);
        contributions = List.copyOf(contributions);
    }

    /**
     * A past launch and its weight in the analog forecast (weights of one forecast sum to 1), its similarity to
     * the new product (0..1, the learned weighted share of what they have in common), and what they share:
     * {@code colour=red} for an equal attribute, {@code description: heart, mug} for common words.
     */
    public record Analog(String productId, double weight, double similarity, List<String> shared) {

        public Analog {
            shared = List.copyOf(shared);
        }

        /** An analog whose shared attributes are not told. */
        public Analog(String productId, double weight, double similarity) {
            this(productId, weight, similarity, List.of());
        }
    }

    /** A feature and its signed contribution. */
    public record Contribution(String feature, double value) {
    }
}

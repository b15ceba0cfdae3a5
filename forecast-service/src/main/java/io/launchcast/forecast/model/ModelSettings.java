package io.launchcast.forecast.model;

import java.util.List;

/**
 * Everything the models need to know about the problem and their hyperparameters.
 *
 * @param horizon            periods forecast after launch
 * @param quantiles          quantile levels to publish, e.g. 0.1, 0.5, 0.9
 * @param attributes         attributes the analog and boosted models use
 * @param seed               seed of every random choice (boosting subsamples)
 * @param validationFraction share of the fit launches in each validation fold
 * @param validationFolds    number of consecutive validation folds, the latest launches first; each fold is
 *                           forecast by models trained on the launches before it, and the folds are pooled
 *                           to fit blend weights, level and intervals
 * @param analogK            neighbour counts the analog model may choose from
 * @param boosting           XGBoost hyperparameters ({@code rounds} the most: training chooses how many on
 *                           validation)
 */
public record ModelSettings(int horizon, List<Double> quantiles, List<String> attributes, long seed,
                            double validationFraction, int validationFolds, List<Integer> analogK,
                            Boosting boosting) {

    public ModelSettings {
        quantiles = quantiles.stream().sorted().toList();
        attributes = List.copyOf(attributes);
        analogK = List.copyOf(analogK);
    }

    /**
     * XGBoost hyperparameters (one booster per horizon period).
     *
     * @param rounds          the most boosting rounds; the model keeps as many of them (halving down to 1/16)
     *                        as validation calls for
     * @param maxDepth        tree depth
     * @param eta             learning rate
     * @param subsample       row subsample per tree
     * @param colsample       feature subsample per tree
     * @param minChildWeight  minimum hessian per leaf
     * @param threads         native threads (the machines are small and shared)
     * @param levelOffset     learn log1p(units) minus log1p(level curve) instead of log1p(units), so that
     *                        forecasts move with the level of recent launches, which trees cannot extrapolate
     */
    public record Boosting(int rounds, int maxDepth, double eta, double subsample, double colsample,
                           double minChildWeight, int threads, boolean levelOffset) {

        /** The same settings with {@code other} rounds. */
        public Boosting withRounds(int other) {
            return new Boosting(other, maxDepth, eta, subsample, colsample, minChildWeight, threads, levelOffset);
        }
    }

    /** The same settings with other boosting settings. */
    public ModelSettings withBoosting(Boosting other) {
        return new ModelSettings(horizon, quantiles, attributes, seed, validationFraction, validationFolds, analogK,
                other);
    }
}

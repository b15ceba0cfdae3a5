package io.launchcast.forecast.model;

import java.util.List;

/**
 * Everything the models need to know about the problem and their hyperparameters.
 *
 * @param horizon            periods forecast after launch
 * @param quantiles          quantile levels to publish, e.g. 0.1, 0.5, 0.9
 * @param attributes         attributes the analog and boosted models use
 * @param seed               seed of every random choice (boosting subsamples)
 * @param validation         how the fit launches are cut into time-based validation folds
 * @param analogK            neighbour counts the analog model may choose from
 * @param boosting           XGBoost hyperparameters ({@code rounds} the most: training chooses how many on
 *                           validation)
 */
public record ModelSettings(int horizon, List<Double> quantiles, List<String> attributes, long seed,
                            Validation validation, List<Integer> analogK, Boosting boosting) {

    public ModelSettings {
        quantiles = quantiles.stream().sorted().toList();
        attributes = List.copyOf(attributes);
        analogK = List.copyOf(analogK);
    }

    /**
     * Time-based validation: consecutive folds of the latest fit launches, the latest first, each forecast by
     * models trained on the launches before it; the folds are pooled to choose the candidate and fit blend
     * weights, level and intervals. A fold is cut at launch dates (one date's launches stay in one fold) and
     * sized by the data rather than by a share alone, so that choices made on it do not rest on a handful of
     * launches or on one launch date's cohort.
     *
     * @param fraction         the least share of the fit launches a fold holds
     * @param folds            the least number of folds (each at least {@code fraction}, as data allow)
     * @param foldLaunches     the least launches a fold holds, and
     * @param foldDates        the least distinct launch dates it spans: a fold is widened, a launch date at a
     *                         time, toward both as far as its training set keeps {@code trainingLaunches}
     * @param trainingLaunches the least launches a fold's training set keeps when the fold is widened or a fold
     *                         beyond {@code folds} is added
     * @param launches         folds beyond {@code folds}, each meeting every minimum above, are added while the
     *                         folds together hold fewer launches than this
     */
    public record Validation(double fraction, int folds, int foldLaunches, int foldDates, int trainingLaunches,
                             int launches) {

        public Validation {
            if (!(fraction > 0 && fraction < 1) || folds < 1 || foldLaunches < 1 || foldDates < 1
                    || trainingLaunches < 1 || launches < 0) {
                throw new IllegalArgumentException("validation: fraction in (0, 1), folds, foldLaunches, foldDates"
                        + " and trainingLaunches at least 1, launches not negative");
            }
        }

        /** Folds of {@code fraction} each, {@code folds} of them at most, and nothing more (the rule before). */
        public static Validation byShare(double fraction, int folds) {
            return new Validation(fraction, folds, 1, 1, 1, 0);
        }
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
        return new ModelSettings(horizon, quantiles, attributes, seed, validation, analogK, other);
    }
}

package io.launchcast.forecast.model;

/**
 * The fit launches cannot be cut into a validation fold: every candidate is chosen on the latest launches before
 * the cutoff, so training needs launches on more than one launch date, with older ones to fit on.
 */
public class NoValidationFoldException extends IllegalArgumentException {

    public NoValidationFoldException(int launches, long launchDates) {
        super("no validation fold: the " + launches + " launches to fit on span " + launchDates + " launch date"
                + (launchDates == 1 ? "" : "s") + ", so no later launches are left to choose a model on; "
                + "training needs launches on at least two launch dates");
    }
}

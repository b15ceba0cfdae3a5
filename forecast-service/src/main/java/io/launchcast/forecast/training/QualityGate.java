package io.launchcast.forecast.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The quality gate's rule, one for both pipelines: the local runner's gate step applies it, and so does the
 * SageMaker Pipeline's Evaluate job, whose decision the Condition step only reads. A model passes when it beats
 * every baseline on the held-out launches (unless validation itself chose a baseline), stays within the WAPE limit
 * and has a p10-p90 coverage inside the band. One exception: when the group has no approved model trained on the
 * run's dataset, the suite would be left with nothing to serve its products, so the better on the held-out
 * launches of validation's choice and the best baseline that can be registered goes through (within the WAPE
 * limit, which no model passes above). With no held-out launch to test on, nothing is compared: a group that serves
 * a model keeps it, and a group without one gets validation's choice, untested, as the message says.
 *
 * @param maxWape highest test WAPE a model may have ({@link Double#POSITIVE_INFINITY}: no limit)
 * @param coverageMin lowest acceptable p10-p90 coverage, in percent
 * @param coverageMax highest acceptable p10-p90 coverage, in percent
 */
public record QualityGate(double maxWape, double coverageMin, double coverageMax) {

    /** A model the gate may let through, with its figures on the held-out launches. */
    public record Scored(String name, double wape, double coverage) {
    }

    /**
     * What the gate decided: {@code registered} is the model that goes through ({@code null} when none does), and
     * {@code registersFallback} says whether that is the stored baseline rather than validation's choice;
     * {@code message} says why, for the log or the pipeline's failure.
     */
    public record Decision(boolean passed, String registered, boolean registersFallback, String message) {
    }

    /**
     * @param candidate validation's choice
     * @param candidateIsBaseline whether validation chose a baseline (it may then trail another baseline on the test
     *        launches: validation found nothing better, and the suite keeps a model to serve)
     * @param bestBaselineWape the best test WAPE of every baseline, stored or not
     * @param fallback the best baseline stored as an artifact of its own, or {@code null}
     * @param groupServesDataset whether the group has an approved model trained on the run's dataset
     * @param group the model package group, and {@code dataset} the run's dataset, as the message names them
     */
    public Decision decide(Scored candidate, boolean candidateIsBaseline, double bestBaselineWape, Scored fallback,
            boolean groupServesDataset, String group, String dataset) {
        if (Double.isNaN(candidate.wape())) {
            // no figure compares with anything: NaN passed every threshold above
            String untested = "no held-out launch to test " + candidate.name() + " on (no launch of the test set has"
                    + " its whole horizon in the data: move split.cutoff earlier, or wait for their sales)";
            return groupServesDataset ? new Decision(false, null, false, untested)
                    : new Decision(true, candidate.name(), false, untested + "; group " + group + " has no approved"
                            + " model to serve on " + dataset + ": " + candidate.name() + ", validation's choice, goes"
                            + " through untested");
        }
        List<String> failures = new ArrayList<>();
        if (candidate.wape() > maxWape) {
            failures.add(String.format(Locale.ROOT, "test WAPE %.2f is above the gate's %.2f", candidate.wape(), maxWape));
        }
        if (candidate.wape() >= bestBaselineWape && !candidateIsBaseline) {
            failures.add(String.format(Locale.ROOT, "test WAPE %.2f does not beat the best baseline (%.2f)",
                    candidate.wape(), bestBaselineWape));
        }
        if (candidate.coverage() < coverageMin || candidate.coverage() > coverageMax) {
            failures.add(String.format(Locale.ROOT, "p10-p90 coverage %.1f%% is outside %.0f-%.0f%%", candidate.coverage(),
                    coverageMin, coverageMax));
        }
        if (failures.isEmpty()) {
            return new Decision(true, candidate.name(), false, String.format(Locale.ROOT,
                    "passed: %s, WAPE %.2f (gate %s, best baseline %.2f), coverage %.1f%%",
                    candidateIsBaseline ? "the " + candidate.name() + " baseline (validation found nothing better)"
                            : candidate.name(),
                    candidate.wape(), limit(), bestBaselineWape, candidate.coverage()));
        }
        if (!groupServesDataset) {
            boolean baselineBetter = fallback != null && fallback.wape() < candidate.wape();
            Scored registered = baselineBetter ? fallback : candidate;
            if (registered.wape() <= maxWape) {
                String name = baselineBetter ? "the " + fallback.name() + " baseline" : candidate.name();
                return new Decision(true, registered.name(), baselineBetter, String.format(Locale.ROOT,
                        "%s did not pass (%s), but group %s has no approved model to serve on %s: %s goes through, the better of "
                                + "the two on the held-out launches (WAPE %.2f%s); chosen there, so that figure flatters it",
                        candidate.name(), String.join("; ", failures), group, dataset, name, registered.wape(),
                        baselineBetter ? String.format(Locale.ROOT, " vs %.2f, coverage %.1f%%", candidate.wape(),
                                fallback.coverage()) : ""));
            }
        }
        return new Decision(false, null, false, String.join("; ", failures));
    }

    private String limit() {
        return Double.isInfinite(maxWape) ? "none" : String.format(Locale.ROOT, "%.2f", maxWape);
    }
}

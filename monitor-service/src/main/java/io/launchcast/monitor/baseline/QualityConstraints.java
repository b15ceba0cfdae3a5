package io.launchcast.monitor.baseline;

/**
 * A model version's own forecast-quality thresholds (as fractions) and cohort attribute, from the
 * {@code forecast_quality} entry of its {@code constraints.json} (the training pipeline derives them from the
 * version's test figures and configuration).
 *
 * @param wapeMax WAPE above it breaches, or null when the file does not say
 * @param biasMax absolute bias the version had on its test launches, with a margin, or null: it raises the
 *        configured limit, never lowers it
 * @param coverageMin p10-p90 coverage below it breaches, or null
 * @param coverageMax p10-p90 coverage above it breaches, or null
 * @param cohortAttribute the product attribute the version's training breaks cohorts by, or null
 */
public record QualityConstraints(Double wapeMax, Double biasMax, Double coverageMin, Double coverageMax,
        String cohortAttribute) {
}

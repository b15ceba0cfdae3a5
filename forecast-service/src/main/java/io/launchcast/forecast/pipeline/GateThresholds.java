package io.launchcast.forecast.pipeline;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Positive;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The quality gate's thresholds, one setting for both pipelines: the local runner's gate step applies them, and
 * the SageMaker pipeline's Evaluate step gets them as its parameters' defaults. They sit with what the run trains
 * on ({@code launchcast.training}), which the training package binds for itself; this package may not depend on
 * it (the package cycle rule), so the gate's part is bound here.
 *
 * @param maxWape highest test WAPE a model may have to be registered, or none (the default: what WAPE is
 *        reachable depends on the data; the gate always compares with the baselines)
 * @param coverageMin lowest acceptable p10-p90 coverage on the test launches, in percent
 * @param coverageMax highest acceptable p10-p90 coverage (a nominal 80 % interval; the band allows for level drift
 *        between validation and test launches)
 */
@Validated
@ConfigurationProperties("launchcast.training")
public record GateThresholds(@Positive Double maxWape,
        @DefaultValue("60") @DecimalMin("0") @DecimalMax("100") double coverageMin,
        @DefaultValue("95") @DecimalMin("0") @DecimalMax("100") double coverageMax) {

    /** How a WAPE limit is written where it must be a value: a run parameter, a SageMaker pipeline parameter. */
    public static final String NO_LIMIT = "none";

    /** {@link #maxWape} as a parameter value: the number, or {@value #NO_LIMIT}. */
    public String maxWapeParameter() {
        return maxWape == null ? NO_LIMIT : Double.toString(maxWape);
    }

    /** A WAPE limit as a parameter gives it: a number, or {@value #NO_LIMIT} (also blank) for none. */
    public static double parseMaxWape(String value) {
        if (value == null || value.isBlank() || value.trim().toLowerCase(Locale.ROOT).equals(NO_LIMIT)) {
            return Double.POSITIVE_INFINITY;
        }
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("maxWape " + value + ": give a WAPE in percent, or " + NO_LIMIT, e);
        }
    }
}

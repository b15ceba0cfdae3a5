package io.launchcast.monitor.quality;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Forecast quality from actuals.
 *
 * @param cohortAttribute the product attribute whose values are the cohorts of the breakdown; empty (the default):
 *        each model version's own, the cohort attribute of its training configuration (from its baseline), none
 *        if it has none
 * @param lowerQuantile the quantile label of the interval's lower end ({@code p10})
 * @param upperQuantile the quantile label of the interval's upper end ({@code p90})
 * @param timeBucket how {@code overTime} groups actuals: by the week (ISO, Monday) or month of their period start
 * @param datasets curated datasets whose published versions are joined with the forecasts (empty: every dataset)
 * @param prefix where the evaluated forecasts and quarantine records live in the object store
 * @param alarms when the quality alarms breach
 * @param joinPartitionForecasts captured forecasts a join with a dataset version holds in memory at a time (it
 *        spills the rest to disk by product): with twelve periods, about 8 KB of heap each with its sales rows and
 *        the join's maps
 * @param storeMemoryLimit the memory (off the heap) the database of evaluated forecasts may use before it spills
 *        to the data directory
 */
@Validated
@ConfigurationProperties("launchcast.monitor.quality")
public record QualityProperties(@DefaultValue("") String cohortAttribute,
        @DefaultValue("p10") @Pattern(regexp = "p\\d+(\\.\\d+)?") String lowerQuantile,
        @DefaultValue("p90") @Pattern(regexp = "p\\d+(\\.\\d+)?") String upperQuantile,
        @DefaultValue("WEEK") TimeBucket timeBucket, @DefaultValue List<String> datasets,
        @DefaultValue("monitoring/quality") @NotBlank String prefix, @DefaultValue @Valid Alarms alarms,
        @DefaultValue("10000") @Min(1) int joinPartitionForecasts,
        @DefaultValue("256MB") DataSize storeMemoryLimit) {

    /** The period {@code overTime} groups by. */
    public enum TimeBucket { WEEK, MONTH }

    /**
     * Quality alarm thresholds, applied to the pooled figures of the newest model version with actuals over its
     * most recent periods (a version good for months that has turned bad must not hide behind its past).
     *
     * @param minActuals evaluated forecast periods a version needs before its figures are a datapoint (fewer:
     *                   no datapoint, the alarm stays INSUFFICIENT_DATA rather than judging a handful of launches)
     * @param wapeMax WAPE above it breaches
     * @param biasMax absolute bias above it breaches
     * @param coverageMin interval coverage below it breaches
     * @param coverageMax interval coverage above it breaches (an interval too wide says nothing)
     * @param window the periods a datapoint covers: those starting within it before the newest evaluated period
     */
    public record Alarms(@DefaultValue("30") @Min(1) int minActuals,
            @DefaultValue("0.8") @DecimalMin("0") double wapeMax, @DefaultValue("0.3") @DecimalMin("0") double biasMax,
            @DefaultValue("0.6") @DecimalMin("0") @DecimalMax("1") double coverageMin,
            @DefaultValue("0.95") @DecimalMin("0") @DecimalMax("1") double coverageMax,
            @DefaultValue("84d") Duration window) {
    }
}

package io.launchcast.monitor.quality;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /forecast-quality}: pooled figures of the evaluated forecast periods and their breakdowns.
 *
 * @param group model group
 * @param modelVersion the model version the figures were restricted to, null for all
 * @param cohort the cohort they were restricted to, null for all
 * @param cohortAttribute the attribute whose values are the cohorts (of the version asked about, else the newest
 *        with actuals), null when there is none
 * @param interval the quantile labels of the coverage interval, lower then upper
 * @param overall every evaluated period
 * @param byModelVersion per model version
 * @param byCohort per value of the cohort attribute ({@code (none)} for products without one)
 * @param byRegion per region a forecast was asked for ({@code (all regions)} for a product's total): a chain's
 *        stores, where regional forecasts split a product's total by the regions' shares
 * @param byPeriodSinceLaunch per period since launch (1 = launch period)
 * @param overTime per week or month of the periods' start, oldest first
 * @param overTimeByModelVersion the same per model version
 * @param overTimeByCohort the same per cohort
 */
public record ForecastQualityReport(String group, String modelVersion, String cohort, String cohortAttribute,
        List<String> interval, QualityFigures overall, Map<String, QualityFigures> byModelVersion,
        Map<String, QualityFigures> byCohort, Map<String, QualityFigures> byRegion,
        Map<Integer, QualityFigures> byPeriodSinceLaunch, List<Bucket> overTime,
        Map<String, List<Bucket>> overTimeByModelVersion, Map<String, List<Bucket>> overTimeByCohort) {

    /** The figures of one week or month. */
    public record Bucket(LocalDate start, QualityFigures figures) {
    }
}

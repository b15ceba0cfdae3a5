package io.launchcast.monitor;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Monitor settings.
 *
 * @param models the monitored models, each with its capture endpoint and schedule
 * @param drift drift-test defaults (a baseline's {@code constraints.json} overrides them per feature)
 * @param capture how captured inputs name their products and identifiers (the forecast API's shape)
 * @param reportPrefix where run reports go in the object store
 * @param forecastDrift the drift check of the forecasts themselves
 */
@Validated
@ConfigurationProperties("launchcast.monitor")
public record MonitorProperties(@DefaultValue List<@Valid Model> models, @DefaultValue @Valid Drift drift,
        @DefaultValue @Valid Capture capture, @DefaultValue("monitoring/reports") @NotBlank String reportPrefix,
        @DefaultValue @Valid ForecastDriftCheck forecastDrift) {

    /**
     * Drift of the forecasts (totals and each horizon period) against the version's reference forecasts.
     *
     * @param enabled whether runs check it
     * @param referenceMin forecasts a window needs to become the version's reference when none was written
     */
    public record ForecastDriftCheck(@DefaultValue("true") boolean enabled, @DefaultValue("100") @Min(2) int referenceMin) {
    }

    /**
     * One monitored model.
     *
     * @param group model group (the baseline's folder)
     * @param endpoint capture endpoint name
     * @param cron Spring cron expression of its scheduled runs; "-" for on demand only
     * @param window how far back a scheduled run reads
     */
    public record Model(@NotBlank String group, @NotBlank String endpoint, @DefaultValue("0 0 * * * *") String cron,
            @DefaultValue("1h") Duration window) {
    }

    /**
     * Drift defaults, following the established rule: a test (KS numeric, chi-squared categorical) when the
     * reference has up to {@code testReferenceMax} rows, a distance (Wasserstein normed by the reference std,
     * Jensen-Shannon) above.
     *
     * @param testReferenceMax largest reference size still compared with a test
     * @param pValue drift when a test's p-value is below it
     * @param distance drift when a distance is above it
     * @param psi drift when the population stability index is above it (used when a feature asks for psi)
     * @param unseenShareMax largest share of unseen categorical values before categorical_values_check fails
     * @param psiForAll whether every feature is compared with PSI instead of the defaults
     */
    public record Drift(@DefaultValue("1000") @Min(1) int testReferenceMax,
            @DefaultValue("0.001") @DecimalMin("0") @DecimalMax("1") double pValue,
            @DefaultValue("0.2") @DecimalMin("0") double distance, @DefaultValue("0.2") @DecimalMin("0") double psi,
            @DefaultValue("0.01") @DecimalMin("0") @DecimalMax("1") double unseenShareMax,
            @DefaultValue("false") boolean psiForAll) {
    }

    /**
     * The captured input's shape.
     *
     * @param productsField the request field holding the product list
     * @param attributesField the product field holding its attribute map (each entry is a feature)
     * @param productIdField the product field naming it
     * @param identifierFields product fields that identify rather than describe (not features)
     */
    public record Capture(@DefaultValue("products") String productsField,
            @DefaultValue("attributes") String attributesField, @DefaultValue("productId") String productIdField,
            @DefaultValue({"productId", "launchDate", "regions", "region"}) List<String> identifierFields) {
    }
}

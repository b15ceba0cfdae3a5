package io.launchcast.feature.sync;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How launch features are computed for the stores.
 *
 * @param horizon periods after launch that curves (and forecasts) cover
 * @param attributes attributes used for cohorts, analogs and signal terms; empty = every attribute the dataset
 *        declares
 * @param chunkProducts products whose features a sync computes and writes at a time: what its memory holds
 *        beyond the dataset's curves (about 2 KB of records per product with the bundled feature groups)
 * @param compactOnlineBelowFillRate after a sync, the online store is compacted when less than this share (percent)
 *        of its storage holds live records (0: never after a sync; {@code POST /online-store/compactions} still
 *        compacts on demand); a sync of a million products leaves the local store about 6 % live
 */
@Validated
@ConfigurationProperties("launchcast.features")
public record FeatureProperties(@DefaultValue("12") @Min(1) int horizon, @DefaultValue List<String> attributes,
        @DefaultValue("20000") @Min(1) int chunkProducts,
        @DefaultValue("50") @Min(0) @Max(100) int compactOnlineBelowFillRate) {
}

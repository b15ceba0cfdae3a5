package io.launchcast.features.compute;

import java.time.LocalDate;
import java.util.Map;

/**
 * The features of one product as of one date. Numeric features that cannot be computed (a term without a
 * signal, a cohort without history) are absent rather than filled, so that models see them as missing.
 *
 * @param categorical            attribute values by feature name
 * @param numeric                numeric features by name, in a fixed order
 * @param latestSalesPeriodEnd   end of the latest sales period any feature used (null if none): never after asOf
 * @param latestSignalPeriodEnd  end of the latest signal period any feature used (null if none): never after asOf
 */
public record LaunchFeatures(String productId, LocalDate asOf, Map<String, String> categorical,
                             Map<String, Double> numeric, LocalDate latestSalesPeriodEnd,
                             LocalDate latestSignalPeriodEnd, String definitionsHash) {

    public LaunchFeatures {
        categorical = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(categorical));
        numeric = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(numeric));
    }
}

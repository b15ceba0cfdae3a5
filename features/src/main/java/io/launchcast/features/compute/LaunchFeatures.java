package io.launchcast.features.compute;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
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
        categorical = frozen(categorical);
        numeric = frozen(numeric);
    }

    /**
     * A map that {@link LaunchFeatureComputer} built for one record and shares with no one: the record wraps
     * it instead of copying it, which was a tenth of the time of computing features.
     */
    static final class Built<V> extends LinkedHashMap<String, V> {

        private static final long serialVersionUID = 1L;

        /** A map that holds {@code expected} entries without growing. */
        Built(int expected) {
            super((int) (expected / 0.75f) + 1);
        }
    }

    private static <V> Map<String, V> frozen(Map<String, V> map) {
        return Collections.unmodifiableMap(map instanceof Built<V> ? map : new LinkedHashMap<>(map));
    }
}

package io.launchcast.feature.group;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One record of a feature group: the values of its features for one record id at one event time. A value is
 * a {@link String} or a {@link Double} (every number is kept as a double, so a record reads back exactly as it
 * was written); a missing value is absent from the map, never invented.
 *
 * @param eventTime when the values became true in the world (e.g. the launch date they describe)
 */
public record FeatureRecord(String recordId, Instant eventTime, Map<String, Object> values) {

    public FeatureRecord {
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(eventTime, "eventTime");
        Map<String, Object> normalised = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            if (value instanceof Number number) {
                normalised.put(name, number.doubleValue());
            } else if (value instanceof String) {
                normalised.put(name, value);
            } else if (value != null) {
                throw new IllegalArgumentException("feature '" + name + "' has a " + value.getClass().getSimpleName()
                        + " value; features are strings or numbers");
            }
        });
        values = Collections.unmodifiableMap(normalised);
    }
}

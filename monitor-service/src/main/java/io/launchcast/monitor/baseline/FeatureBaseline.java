package io.launchcast.monitor.baseline;

import java.util.Map;

/**
 * What one feature looked like in training, read from Model Monitor's {@code statistics.json}.
 *
 * @param name the feature's name as the capture carries it
 * @param numeric whether Model Monitor inferred it as Integral/Fractional (else String)
 * @param count rows that had the feature
 * @param completeness share of rows that had it
 * @param referenceValues numeric: the reference sample (the KLL sketch's values); empty for a string feature
 * @param mean numeric mean
 * @param std numeric standard deviation
 * @param categories string: value frequencies; empty for a numeric feature
 */
public record FeatureBaseline(String name, boolean numeric, long count, double completeness, double[] referenceValues,
        double mean, double std, Map<String, Long> categories) {
}

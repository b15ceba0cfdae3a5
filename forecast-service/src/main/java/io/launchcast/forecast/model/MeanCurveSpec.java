package io.launchcast.forecast.model;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@link MeanCurveModel}: the mean curve of the launches it was fitted on and, when it is the curve of one
 * attribute's cohorts ({@code attribute} not {@code null}), the mean curve of each value of it; with
 * {@code statistic} {@code median}, the global median curve instead ({@code null}: the mean).
 */
@JsonTypeName("mean-curve")
public record MeanCurveSpec(String statistic, String attribute, double[] overall, Map<String, double[]> byValue)
        implements ComponentSpec {

    public MeanCurveSpec {
        overall = overall.clone();
        byValue = byValue == null ? Map.of() : new TreeMap<>(byValue);
    }

    @Override
    public CurveModel rebuild(ComponentContext context) {
        return MeanCurveModel.of(statistic, attribute, overall, byValue);
    }
}

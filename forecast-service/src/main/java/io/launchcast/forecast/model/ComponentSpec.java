package io.launchcast.forecast.model;

import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What one component of an ensemble learned, exactly enough to rebuild it: its record is the component's part
 * of the artifact, written as JSON with the type's name. A new model type is one record here (listed in
 * {@code permits}, which is how the artifact's JSON finds it) with the model class it rebuilds; the artifact
 * and serving only ever see this interface.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public sealed interface ComponentSpec permits AnalogSpec, LevelCurveSpec, MeanCurveSpec, BoostedSpec {

    /**
     * The model this spec describes, forecasting from {@code context}'s history; components it builds on come
     * from {@code context} by name.
     */
    CurveModel rebuild(ComponentContext context);
}

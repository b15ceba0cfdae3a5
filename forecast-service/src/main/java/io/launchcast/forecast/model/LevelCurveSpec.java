package io.launchcast.forecast.model;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** A {@link LevelCurveModel}: it learns nothing of its own, it reads the history's curve and level features. */
@JsonTypeName("level-curve")
public record LevelCurveSpec() implements ComponentSpec {

    @Override
    public CurveModel rebuild(ComponentContext context) {
        return new LevelCurveModel(context.history(), context.horizon());
    }
}

package io.launchcast.platform.security;

import java.util.Locale;

/** The kinds of caller. A planning app's token cannot approve a model; an ML engineer's cannot forecast. */
public enum Role {
    /** Planning apps and batch jobs: forecasts, batch forecasts, reading models. */
    FORECASTING,
    /** ML engineers: ingestions, mappings, datasets, feature sync and training sets, pipeline runs. */
    DATA,
    /** Model approval, rejection and rollback. */
    APPROVAL,
    /** Operators: monitoring, alarms, actuals, dead-lettered events, metrics. */
    OPERATIONS,
    /** Everything: the main job of {@code ./launchcast run}. */
    ADMIN;

    /** The name used in configuration, tokens files and JWT groups: lower case. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role of(String id) {
        return valueOf(id.trim().toUpperCase(Locale.ROOT));
    }
}

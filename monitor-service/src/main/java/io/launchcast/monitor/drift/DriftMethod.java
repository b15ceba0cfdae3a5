package io.launchcast.monitor.drift;

import java.util.Locale;

/** The drift measures, named as {@code constraints.json} names them in {@code comparison_method}. */
public enum DriftMethod {
    KS(true), CHI_SQUARED(true), WASSERSTEIN(false), JENSEN_SHANNON(false), PSI(false);

    private final boolean test;

    DriftMethod(boolean test) {
        this.test = test;
    }

    /** Whether the measure is a significance test (drift below a p-value) rather than a distance (drift above). */
    public boolean isTest() {
        return test;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DriftMethod of(String label) {
        return valueOf(label.trim().toUpperCase(Locale.ROOT));
    }
}

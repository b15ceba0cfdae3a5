package io.launchcast.features.dataset;

import java.time.LocalDate;
import java.util.Locale;

/** Where period 0 of a product starts: at its launch date, or at the calendar period containing it. */
public enum PeriodAnchor {
    LAUNCH, CALENDAR;

    /** Parses the manifest's spelling ({@code launch}, {@code calendar}). */
    public static PeriodAnchor parse(String text) {
        return text == null ? LAUNCH : valueOf(text.trim().toUpperCase(Locale.ROOT));
    }

    /** Start of period 0 of a product launched on {@code launch}. */
    public LocalDate firstPeriodStart(Period period, LocalDate launch) {
        return this == LAUNCH ? launch : period.calendarStart(launch);
    }
}

package io.launchcast.features.dataset;

import java.time.LocalDate;
import java.util.Locale;

/** Where period 0 of a product starts: at its launch date, or at the calendar period containing it. */
public enum PeriodAnchor {
    LAUNCH, CALENDAR;

    /**
     * Parses the manifest's spelling: {@code launch_date} (as ingestion writes it: periods count from the launch
     * column) or {@code launch}, and {@code calendar}.
     */
    public static PeriodAnchor parse(String text) {
        if (text == null) {
            return LAUNCH;
        }
        String normalised = text.trim().toUpperCase(Locale.ROOT);
        return "LAUNCH_DATE".equals(normalised) ? LAUNCH : valueOf(normalised);
    }

    /** Start of period 0 of a product launched on {@code launch}. */
    public LocalDate firstPeriodStart(Period period, LocalDate launch) {
        return this == LAUNCH ? launch : period.calendarStart(launch);
    }
}

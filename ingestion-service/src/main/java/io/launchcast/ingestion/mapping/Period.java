package io.launchcast.ingestion.mapping;

import java.time.DayOfWeek;
import java.time.LocalDate;

/** The period sales and signals are aggregated to. Weeks are ISO weeks (they start on Monday). */
public enum Period {
    DAY, WEEK, MONTH;

    /** First day of the calendar period containing {@code date}. */
    public LocalDate start(LocalDate date) {
        return switch (this) {
            case DAY -> date;
            // arithmetic rather than TemporalAdjusters.previousOrSame: this runs once per sales row
            case WEEK -> date.minusDays(date.getDayOfWeek().getValue() - DayOfWeek.MONDAY.getValue());
            case MONTH -> date.withDayOfMonth(1);
        };
    }

    /** {@code anchor} moved {@code periods} periods later: how wide columns (one per period since launch) are dated. */
    public LocalDate plus(LocalDate anchor, long periods) {
        return switch (this) {
            case DAY -> anchor.plusDays(periods);
            case WEEK -> anchor.plusWeeks(periods);
            case MONTH -> anchor.plusMonths(periods);
        };
    }

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

package io.launchcast.features.dataset;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/**
 * The length of one sales or signal period, and how periods are anchored: at the launch date itself
 * ({@code launch}: period i of a product starts at launch + i periods) or on the calendar
 * ({@code calendar}: ISO weeks starting on Monday, months on the 1st).
 */
public enum Period {
    DAY, WEEK, MONTH;

    /** Parses the manifest's spelling ({@code day}, {@code week}, {@code month}). */
    public static Period parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }

    /** First day of the period that contains {@code date} on the calendar grid. */
    public LocalDate calendarStart(LocalDate date) {
        return switch (this) {
            case DAY -> date;
            case WEEK -> date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> date.withDayOfMonth(1);
        };
    }

    /** {@code start} moved by {@code n} periods. */
    public LocalDate plus(LocalDate start, long n) {
        return switch (this) {
            case DAY -> start.plusDays(n);
            case WEEK -> start.plusWeeks(n);
            case MONTH -> start.plusMonths(n);
        };
    }

    /** Whole periods from {@code from} to {@code to} (negative when {@code to} is earlier). */
    public long between(LocalDate from, LocalDate to) {
        return switch (this) {
            case DAY -> ChronoUnit.DAYS.between(from, to);
            case WEEK -> Math.floorDiv(ChronoUnit.DAYS.between(from, to), 7);
            case MONTH -> ChronoUnit.MONTHS.between(from.withDayOfMonth(1), to.withDayOfMonth(1));
        };
    }
}

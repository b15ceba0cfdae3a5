package io.launchcast.ingestion.mapping;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Locale;

/**
 * The period sales and signals are aggregated to: a day, a week starting on {@code firstDay} (ISO weeks,
 * Monday, unless the mapping says otherwise) or a calendar month. Written in a mapping as {@code week} or as
 * {@code {unit: week, first-day: sunday}}.
 */
public record Period(Unit unit, DayOfWeek firstDay) {

    public static final Period DAY = new Period(Unit.DAY, null);
    public static final Period WEEK = new Period(Unit.WEEK, DayOfWeek.MONDAY);
    public static final Period MONTH = new Period(Unit.MONTH, null);

    /** The length of a period. */
    public enum Unit { DAY, WEEK, MONTH }

    @JsonCreator
    public Period {
        if (unit == null) {
            throw new IllegalArgumentException("unit: day, week or month");
        }
        if (firstDay != null && unit != Unit.WEEK) {
            throw new IllegalArgumentException("first-day: only weeks have a first day");
        }
        firstDay = unit == Unit.WEEK && firstDay == null ? DayOfWeek.MONDAY : firstDay;
    }

    /** The shorthand {@code period: week}. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Period of(String unit) {
        try {
            return new Period(Unit.valueOf(unit.trim().toUpperCase(Locale.ROOT)), null);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("day, week or month");
        }
    }

    /** First day of the calendar period containing {@code date}. */
    public LocalDate start(LocalDate date) {
        return switch (unit) {
            case DAY -> date;
            // arithmetic rather than TemporalAdjusters.previousOrSame: this runs once per sales row
            case WEEK -> date.minusDays(Math.floorMod(date.getDayOfWeek().getValue() - firstDay.getValue(), 7));
            case MONTH -> date.withDayOfMonth(1);
        };
    }

    /** {@code anchor} moved {@code periods} periods later: how wide columns (one per period since launch) are dated. */
    public LocalDate plus(LocalDate anchor, long periods) {
        return switch (unit) {
            case DAY -> anchor.plusDays(periods);
            case WEEK -> anchor.plusWeeks(periods);
            case MONTH -> anchor.plusMonths(periods);
        };
    }

    /** {@code day}, {@code week} or {@code month}: the manifest's period. */
    public String id() {
        return unit.name().toLowerCase(Locale.ROOT);
    }
}

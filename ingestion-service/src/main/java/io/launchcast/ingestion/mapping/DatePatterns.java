package io.launchcast.ingestion.mapping;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * A mapping's date pattern as a formatter. Exports of monthly data write months ({@code 2013-01}, {@code 01/2013}),
 * yearly ones years: a pattern without a day means the period's first day, one without a month January, so that
 * such columns map as they are instead of failing on every row. A pattern of a week-based year and its week
 * ({@code YYYY-'W'ww}) reads ISO 8601 weeks, each as its Monday.
 */
public final class DatePatterns {

    /** Letters that name a day (of month, year or week) or a week: with none, the day is the month's first. */
    private static final String DAY_LETTERS = "dDEecFwWg";
    /** Letters that name a month, or place a date without one (day of year, week-based fields, quarter). */
    private static final String MONTH_LETTERS = "MLDwWYQq";

    private DatePatterns() {
    }

    /**
     * The formatter of {@code pattern} ({@link DateTimeFormatter} letters, names in English), the missing day and
     * month defaulted.
     *
     * @throws IllegalArgumentException when it is not a pattern, or one that gives no date (a week without its day)
     */
    public static DateTimeFormatter formatter(String pattern) {
        String letters = unquoted(pattern);
        DateTimeFormatterBuilder builder = new DateTimeFormatterBuilder().appendPattern(pattern);
        if (letters.chars().noneMatch(c -> DAY_LETTERS.indexOf(c) >= 0)) {
            builder.parseDefaulting(ChronoField.DAY_OF_MONTH, 1);
        }
        if (letters.chars().noneMatch(c -> MONTH_LETTERS.indexOf(c) >= 0)) {
            builder.parseDefaulting(ChronoField.MONTH_OF_YEAR, 1);
        }
        // a week of a week-based year without its day (2023-W05, 202305): ISO 8601 weeks, which planning exports
        // write, each read as its Monday; the UK's week rules are ISO's (Monday first, week 1 holds a Thursday)
        boolean isoWeek = letters.indexOf('Y') >= 0 && letters.indexOf('w') >= 0
                && letters.chars().noneMatch(c -> "dDEecFWg".indexOf(c) >= 0);
        if (isoWeek) {
            builder.parseDefaulting(ChronoField.DAY_OF_WEEK, 1);
        }
        // names of months and days in English whatever the machine's locale: the same mapping reads the same dates
        DateTimeFormatter formatter = builder.toFormatter(isoWeek ? Locale.UK : Locale.ENGLISH);
        LocalDateTime sample = LocalDateTime.of(2021, 1, 4, 0, 0);
        try {
            formatter.parse(formatter.format(sample), LocalDate::from);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + pattern + "' gives no date (" + e.getMessage() + ")", e);
        }
        return formatter;
    }

    private static String unquoted(String pattern) {
        StringBuilder letters = new StringBuilder();
        boolean quoted = false;
        for (char c : pattern.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted) {
                letters.append(c);
            }
        }
        return letters.toString();
    }
}

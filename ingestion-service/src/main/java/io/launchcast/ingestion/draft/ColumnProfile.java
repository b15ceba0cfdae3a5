package io.launchcast.ingestion.draft;

import io.launchcast.ingestion.mapping.DatePatterns;
import io.launchcast.ingestion.mapping.NumberNotation;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a sample of one column's values looks like: how many are numbers, whole numbers, negative, dates (and in
 * which pattern), how many distinct values and words. A draft mapping guesses each column's role from it.
 */
final class ColumnProfile {

    /** Date patterns tried in order; the first that reads (nearly) every value wins. ISO first: it needs no format. */
    static final List<String> DATE_PATTERNS = List.of("yyyy-MM-dd", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss",
            "yyyy-MM-dd HH:mm", "dd.MM.yyyy", "dd.MM.yyyy HH:mm:ss", "dd/MM/yyyy", "MM/dd/yyyy", "M/d/yyyy H:mm",
            "d/M/yyyy H:mm", "dd/MM/yyyy HH:mm", "MM/dd/yyyy HH:mm", "dd-MM-yyyy", "yyyyMMdd", "yyyy-MM", "yyyy/MM/dd",
            "YYYY-'W'ww");

    /** The share of a column's values that must fit a type for the column to be taken as of that type. */
    private static final double MOST = 0.95;
    private static final int DISTINCT_CAP = 10_000;
    private static final int SAMPLE = 300;
    /** The most distinct texts taken as missing markers of one kind. */
    private static final int MARKERS = 3;
    private static final java.util.regex.Pattern WHOLE = java.util.regex.Pattern.compile("[-+]?[0-9]+(\\.0+)?");
    private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("\\s+");

    final String name;
    /** The words of the name's last path segment and of its parent's, lower case, each between spaces. */
    private final String words;
    private final String parentWords;
    private int values;
    private int numbers;
    private int integers;
    private int negatives;
    private double largest = Double.NEGATIVE_INFINITY;
    private int withLetters;
    private long wordCount;
    private final Set<String> distinct = new HashSet<>();
    /** The texts of negative numbers and of values that are no number, a few of each: candidate missing markers. */
    private final Set<String> negativeTexts = new java.util.TreeSet<>();
    private final Set<String> otherTexts = new java.util.TreeSet<>();
    private final List<String> sample = new java.util.ArrayList<>();
    private final java.util.Random random = new java.util.Random(42);
    /** {@link #datePattern()}, judged once the sample is complete: null until then, or empty for no date. */
    private java.util.Optional<String> datePattern;

    ColumnProfile(String name) {
        this.name = name;
        int dot = name.lastIndexOf('.');
        this.words = words(name.substring(dot + 1));
        this.parentWords = dot > 0 ? words(name.substring(name.lastIndexOf('.', dot - 1) + 1, dot)) : " ";
    }

    /** A name's words (camel case and separators split it), lower case, with a space before and after each. */
    private static String words(String name) {
        return " " + name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", " ").strip() + " ";
    }

    void add(String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        datePattern = null;
        values++;
        String text = value.strip();
        if (distinct.size() < DISTINCT_CAP) {
            distinct.add(text);
        }
        // a reservoir: the sample spans every file read, not only the first one's rows
        if (sample.size() < SAMPLE) {
            sample.add(text);
        } else {
            int at = random.nextInt(values);
            if (at < SAMPLE) {
                sample.set(at, text);
            }
        }
        String number = NumberNotation.PLAIN.canonical(text);
        if (number != null && isNumber(number)) {
            numbers++;
            if (WHOLE.matcher(number).matches()) {
                integers++;
            }
            largest = Math.max(largest, Double.parseDouble(number));
            if (number.startsWith("-")) {
                negatives++;
                remember(negativeTexts, text);
            }
        } else {
            remember(otherTexts, text);
        }
        if (text.chars().anyMatch(Character::isLetter)) {
            withLetters++;
        }
        wordCount += WHITESPACE.split(text).length;
    }

    private static void remember(Set<String> texts, String text) {
        if (texts.size() <= MARKERS) {
            texts.add(text);
        }
    }

    /**
     * The texts that look like a series' way of writing "no value" in a column with non-negative numbers: at most
     * {@value #MARKERS} that are no number (NA, n/a, -).
     */
    Set<String> wordMarkers() {
        return hasNonNegativeNumbers() && otherTexts.size() <= MARKERS ? otherTexts : Set.of();
    }

    /** The texts of the column's negative numbers (past {@value #MARKERS} distinct ones, a few of them). */
    Set<String> negativeTexts() {
        return negativeTexts;
    }

    boolean hasNonNegativeNumbers() {
        return numbers - negatives > 0;
    }

    private static boolean isNumber(String text) {
        try {
            Double.parseDouble(text);
            return !text.endsWith("d") && !text.endsWith("f") && !text.endsWith("D") && !text.endsWith("F");
        } catch (NumberFormatException e) {
            return false;
        }
    }

    int values() {
        return values;
    }

    boolean isEmpty() {
        return values == 0;
    }

    boolean numeric() {
        return values > 0 && numbers >= MOST * values;
    }

    boolean wholeNumbers() {
        return numeric() && integers >= MOST * values;
    }

    /** Whether a value read is the number 0. */
    boolean hasZero() {
        return distinct.stream().map(NumberNotation.PLAIN::canonical).anyMatch(n -> n != null && isNumber(n)
                && Double.parseDouble(n) == 0);
    }

    /**
     * The values without a digit in a column of codes most of which have one (a retailer's {@code POST}, {@code DOT},
     * {@code BANK CHARGES} among its numbered stock codes), sorted; none unless at least 20 distinct values were
     * read and nine in ten of them have a digit.
     */
    List<String> wordsAmongCodes() {
        long coded = distinct.stream().filter(v -> v.chars().anyMatch(Character::isDigit)).count();
        if (distinct.size() < 20 || coded < 0.9 * distinct.size()) {
            return List.of();
        }
        return distinct.stream().filter(v -> v.chars().noneMatch(Character::isDigit)).sorted().limit(30).toList();
    }

    /** The largest number read (negative infinity when none was). */
    double largest() {
        return largest;
    }

    /** The sample's numbers. */
    List<Double> sampledNumbers() {
        return sample.stream().map(NumberNotation.PLAIN::canonical).filter(n -> n != null && isNumber(n))
                .map(Double::valueOf).toList();
    }

    boolean hasNegatives() {
        return negatives > 0;
    }

    boolean textual() {
        return values > 0 && withLetters >= 0.5 * values;
    }

    /** Whether {@code value} is among the column's sampled distinct values. */
    boolean holds(String value) {
        return distinct.contains(value);
    }

    /** Whether (nearly) every distinct value of {@code other} is one of this column's: a key it refers to. */
    boolean holdsMostOf(ColumnProfile other) {
        if (other.distinct.isEmpty() || distinct.size() >= DISTINCT_CAP) {
            return false;
        }
        long held = other.distinct.stream().filter(distinct::contains).count();
        return held >= MOST * other.distinct.size();
    }

    /** Distinct values in the sample (at most {@value #DISTINCT_CAP} are counted). */
    int distinct() {
        return distinct.size();
    }

    double meanWords() {
        return values == 0 ? 0 : (double) wordCount / values;
    }

    /** Whether the column's name (a JSON column's last path segment) has one of {@code names} among its words. */
    boolean named(String... names) {
        return hasAny(words, names);
    }

    /** Whether the path's parent (of a JSON column, {@code order} in {@code order.id}) has one of {@code names}. */
    boolean parentNamed(String... names) {
        return hasAny(parentWords, names);
    }

    private static boolean hasAny(String words, String... names) {
        for (String name : names) {
            if (words.contains(" " + name + " ")) {
                return true;
            }
        }
        return false;
    }

    /** Whether the column's whole name (its last path segment), its words joined, is one of {@code names}. */
    boolean is(String... names) {
        return List.of(names).contains(words.strip());
    }

    /**
     * The pattern that reads (nearly) every value as a date, or null; a number column (a quantity, an id) is no
     * date even where a pattern of digits would read it.
     */
    String datePattern() {
        if (datePattern == null) {
            datePattern = java.util.Optional.ofNullable(judgeDates());
        }
        return datePattern.orElse(null);
    }

    private String judgeDates() {
        if (values == 0 || numeric() && !sample.stream().allMatch(v -> v.length() == 8)) {
            return null;
        }
        for (String pattern : DATE_PATTERNS) {
            DateTimeFormatter formatter = DatePatterns.formatter(pattern);
            int read = 0;
            for (String value : sample) {
                if (date(formatter, value) != null) {
                    read++;
                }
            }
            if (read >= MOST * sample.size()) {
                return pattern;
            }
        }
        return null;
    }

    /** Whether every sampled date is a first of its month: monthly figures. */
    /** Whether every sampled date is a first of its month (never so of a column of counted dates: no pattern). */
    boolean firstsOfMonths(String pattern) {
        if (pattern == null) {
            return false;
        }
        DateTimeFormatter formatter = DatePatterns.formatter(pattern);
        return sample.stream().map(v -> date(formatter, v)).allMatch(d -> d == null || d.getDayOfMonth() == 1);
    }

    /** The sample's dates in the pattern, unread values left out. */
    List<LocalDate> dates(String pattern) {
        DateTimeFormatter formatter = DatePatterns.formatter(pattern);
        return sample.stream().map(v -> date(formatter, v)).filter(java.util.Objects::nonNull).toList();
    }

    private static LocalDate date(DateTimeFormatter formatter, String value) {
        try {
            LocalDate date = formatter.parse(value, LocalDate::from);
            // plausible sales dates only: a pattern of digits reads ids as dates of any century
            return date.getYear() >= 1990 && date.getYear() <= 2100 ? date : null;
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }
}

package io.launchcast.ingestion.validation;

import io.launchcast.ingestion.mapping.Mapping;
import io.launchcast.ingestion.mapping.SourceSpec;
import io.launchcast.ingestion.mapping.SourceSpec.FieldSpec;
import io.launchcast.ingestion.source.PlainRowLane;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;

/**
 * The fast lane of a long sales source (one row per product, region and day): it takes the rows whose values
 * are plainly valid straight from the line's bytes to staging, with no String, record or row object, on the
 * reading thread. "Plainly valid" is {@link RowMapper}'s and {@link RowJudge}'s own verdict on the common shape
 * of a value: a product id the run accepted (no blank at either end), a region (or none: the default), an ISO
 * date inside the mapping's valid dates, a plain integer of units (not negative unless the source declares
 * returns). Anything else, valid or not, is left to the record path, which gives every other verdict and reason;
 * so the lane only ever accepts, and accepts only what the record path accepts.
 *
 * <p>Only for sources without products, signals or key: their verdicts then depend on nothing but the products
 * accepted before the source started, which do not change while it is read.
 */
public final class PlainSalesLane implements PlainRowLane {

    /** Where the lane's accepted rows go: staging, in the form the record path would have written them. */
    public interface Stage {

        /**
         * One sales row: product id and region as ASCII bytes that need no quoting, the period start as days
         * since 1970-01-01, the units.
         */
        void sale(byte[] line, int productFrom, int productTo, byte[] region, int regionFrom, int regionTo,
                long periodStart, long units);
    }

    private static final int CACHE = 1 << 13;
    private static final long NOT_PLAIN = Long.MIN_VALUE;

    private final Mapping mapping;
    private final RowJudge judge;
    private final Stage stage;
    private final int productSlot;
    private final int regionSlot;
    /** The region of rows without one (the source's constant, or the mapping's default), as bytes. */
    private final byte[] fixedRegion;
    private final int dateSlot;
    private final int unitsSlot;
    private final boolean returns;
    /** Period starts of the dates seen, by yyyyMMdd + 1: one date resolution per distinct date, not per row. */
    private final int[] cachedDates = new int[CACHE];
    private final long[] cachedStarts = new long[CACHE];

    private PlainSalesLane(Mapping mapping, RowJudge judge, Stage stage, int productSlot, int regionSlot,
            byte[] fixedRegion, int dateSlot, int unitsSlot, boolean returns) {
        this.mapping = mapping;
        this.judge = judge;
        this.stage = stage;
        this.productSlot = productSlot;
        this.regionSlot = regionSlot;
        this.fixedRegion = fixedRegion;
        this.dateSlot = dateSlot;
        this.unitsSlot = unitsSlot;
        this.returns = returns;
    }

    /**
     * The lane for {@code source}, or null when its rows cannot take it (wide sales, products, signals, a key,
     * a scale, a date pattern other than ISO, a value from a constant, a region that would need quoting).
     *
     * @param columns the columns the source's reader is projected to ({@link RowMapper#columns()})
     */
    static PlainSalesLane of(Mapping mapping, SourceSpec source, List<String> columns, RowJudge judge, Stage stage) {
        var sales = source.sales();
        if (sales == null || sales.wide() != null || source.products() != null || source.signals() != null
                || !source.exclude().isEmpty() || mapping.keepsTransactions() || region(sales.region())
                || !source.key().isEmpty() || sales.scale() != 1.0 || !isColumn(sales.productId())
                || !isColumn(sales.date()) || !isColumn(sales.units())
                || sales.date().format() != null && !sales.date().format().equals("yyyy-MM-dd")
                || sales.date().counts() != null || source.fields().anyMatch(FieldSpec::optional)) {
            return null;
        }
        int regionSlot = isColumn(sales.region()) ? columns.indexOf(sales.region().column()) : -1;
        String fixed = sales.region() != null && sales.region().constant() != null ? sales.region().constant()
                : mapping.defaultRegion();
        if (fixed == null) {
            return null;
        }
        byte[] fixedRegion = fixed.getBytes(StandardCharsets.US_ASCII);
        if (!fixed.equals(new String(fixedRegion, StandardCharsets.US_ASCII)) || !plain(fixedRegion, 0, fixedRegion.length)) {
            return null;
        }
        return new PlainSalesLane(mapping, judge, stage, columns.indexOf(sales.productId().column()), regionSlot,
                fixedRegion, columns.indexOf(sales.date().column()), columns.indexOf(sales.units().column()),
                sales.returns());
    }

    /** A column taken as it is: a derived value (lookup, extract, case...) takes the record path. */
    private static boolean isColumn(FieldSpec field) {
        return field != null && field.isPlainColumn() && field.constant() == null;
    }

    /** Whether the region is a derived value, which only the record path computes. */
    private static boolean region(FieldSpec field) {
        return field != null && field.column() != null && !field.isPlainColumn();
    }

    @Override
    public boolean take(byte[] line, int[] starts, int[] ends) {
        int productFrom = starts[productSlot];
        int productTo = ends[productSlot];
        if (!plain(line, productFrom, productTo)
                || judge.checksReferences() && !judge.knowsProduct(line, productFrom, productTo)) {
            return false;
        }
        byte[] region = fixedRegion;
        int regionFrom = 0;
        int regionTo = fixedRegion.length;
        if (regionSlot >= 0 && starts[regionSlot] < ends[regionSlot]) {
            region = line;
            regionFrom = starts[regionSlot];
            regionTo = ends[regionSlot];
            if (!plain(line, regionFrom, regionTo)) {
                return false;
            }
        }
        long periodStart = periodStart(line, starts[dateSlot], ends[dateSlot]);
        if (periodStart == NOT_PLAIN) {
            return false;
        }
        long units = units(line, starts[unitsSlot], ends[unitsSlot]);
        if (units == NOT_PLAIN || units < 0 && !returns) {
            return false;
        }
        stage.sale(line, productFrom, productTo, region, regionFrom, regionTo, periodStart, units);
        return true;
    }

    /**
     * A value the record path takes as it stands and staging writes bare: not empty, no blank at either end
     * (nothing to trim), no comma, double quote or carriage return (nothing to quote).
     */
    private static boolean plain(byte[] bytes, int from, int to) {
        if (from >= to || bytes[from] <= ' ' || bytes[to - 1] <= ' ') {
            return false;
        }
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (b == ',' || b == '"' || b == '\r') {
                return false;
            }
        }
        return true;
    }

    /** The period start of an ISO date inside the valid dates, in days since 1970-01-01; NOT_PLAIN otherwise. */
    private long periodStart(byte[] bytes, int from, int to) {
        if (to - from != 10 || bytes[from + 4] != '-' || bytes[from + 7] != '-') {
            return NOT_PLAIN;
        }
        int year = digits(bytes, from, 4);
        int month = digits(bytes, from + 5, 2);
        int day = digits(bytes, from + 8, 2);
        if ((year | month | day) < 0) {
            return NOT_PLAIN;
        }
        // one number per spelling (month and day may be any two digits here; LocalDate.of judges them below)
        int packed = year * 10_000 + month * 100 + day + 1;
        int slot = (packed * 0x9E3779B9) >>> (32 - 13);
        if (cachedDates[slot] != packed) {
            cachedStarts[slot] = resolve(year, month, day);
            cachedDates[slot] = packed;
        }
        return cachedStarts[slot];
    }

    /** The record path's date rules, once per distinct date: a real date, inside the valid dates, to its period. */
    private long resolve(int year, int month, int day) {
        LocalDate date;
        try {
            date = LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            return NOT_PLAIN;
        }
        return mapping.validDates().contains(date) ? mapping.period().start(date).toEpochDay() : NOT_PLAIN;
    }

    /** {@code count} ASCII digits as a number, or -1. */
    private static int digits(byte[] bytes, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            int digit = bytes[i] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    /** A plain integer as the record path reads one (optional sign, 1 to 18 characters in all); NOT_PLAIN otherwise. */
    private static long units(byte[] bytes, int from, int to) {
        if (from >= to || to - from > 18) {
            return NOT_PLAIN;
        }
        boolean negative = bytes[from] == '-';
        int i = negative || bytes[from] == '+' ? from + 1 : from;
        if (i == to) {
            return NOT_PLAIN;
        }
        long value = 0;
        for (; i < to; i++) {
            int digit = bytes[i] - '0';
            if (digit < 0 || digit > 9) {
                return NOT_PLAIN;
            }
            value = value * 10 + digit;
        }
        return negative ? -value : value;
    }
}

package io.launchcast.ingestion.mapping;

import java.util.regex.Pattern;

/**
 * How a CSV export writes its numbers: a decimal mark ({@code .} or {@code ,}) and, optionally, a mark between
 * groups of three digits ({@code 1.234,50} in a German export, {@code 1,234.50} in a report, {@code 1 234,50} in a
 * French one), a negative amount with its sign before or after it ({@code 5,00-}). A source that declares neither
 * reads numbers as Java does. A declared notation is strict: a group of other than three digits ({@code 1,23} with
 * {@code ,} grouping) is not a number, since it is more likely a decimal written in another notation than a
 * thousands separator, and a wrong guess would change the quantity a hundredfold without a trace.
 */
public final class NumberNotation {

    /** Numbers as Java reads them ({@code 1234.5}, {@code 1e3}): what a source that declares no notation gets. */
    public static final NumberNotation PLAIN = new NumberNotation(null, null);

    private final String decimal;
    private final String grouping;
    private final Pattern shape;

    private NumberNotation(String decimal, String grouping) {
        this.decimal = decimal;
        this.grouping = grouping;
        if (decimal == null && grouping == null) {
            shape = null;
            return;
        }
        String mark = Pattern.quote(decimal == null ? "." : decimal);
        String integer = "\\d+";
        if (grouping != null) {
            // a space in an export is often a no-break or narrow no-break space (what spreadsheets write)
            String group = grouping.equals(" ") ? "[ \u00a0\u202f]" : Pattern.quote(grouping);
            integer = "(?:\\d{1,3}(?:" + group + "\\d{3})+|\\d+)";
        }
        String unsigned = "(?:" + integer + "(?:" + mark + "\\d*)?|" + mark + "\\d+)";
        // a trailing minus is how some ERP exports write a negative amount (SAP: 1.234,50-)
        shape = Pattern.compile("[+-]?" + unsigned + "|" + unsigned + "-");
    }

    /** The notation a source's format declares; {@link #PLAIN} when it declares none. */
    public static NumberNotation of(SourceSpec.FormatSpec format) {
        return format.declaresNumbers() ? new NumberNotation(format.decimal(), format.grouping()) : PLAIN;
    }

    /**
     * The number written as Java reads it (digits, a sign, a {@code .}), or null when {@code raw} is not a number in
     * this notation. A plain notation returns {@code raw} itself, left for the parser to judge. In every notation a
     * currency sign or code before or after the number is no part of it ({@code £2.55}, {@code -$5.00},
     * {@code 12,50 €}, {@code 12.50 EUR}): price columns of shop exports carry one, and it can mean nothing else.
     */
    public String canonical(String raw) {
        raw = withoutCurrency(raw);
        if (shape == null) {
            return raw;
        }
        if (!shape.matcher(raw).matches()) {
            return null;
        }
        StringBuilder text = new StringBuilder(raw.length());
        boolean trailingMinus = raw.length() > 1 && raw.charAt(raw.length() - 1) == '-';
        if (trailingMinus) {
            text.append('-');
        }
        for (int i = 0; i < raw.length() - (trailingMinus ? 1 : 0); i++) {
            char c = raw.charAt(i);
            if (c >= '0' && c <= '9' || c == '+' || c == '-') {
                text.append(c);
            } else if (decimal != null ? decimal.charAt(0) == c : c == '.') {
                text.append('.');
            }
            // anything else the shape let through is a grouping mark
        }
        return text.toString();
    }

    /**
     * {@code raw} without a currency sign or ISO 4217 code (and the spaces beside it) at its start, after a sign, or
     * at its end: {@code £2.55}, {@code GBP 2.55}, {@code 12,50 EUR}.
     */
    static String withoutCurrency(String raw) {
        int start = raw.length() > 1 && (raw.charAt(0) == '-' || raw.charAt(0) == '+') ? 1 : 0;
        int code = currencyAt(raw, start);
        if (code > 0) {
            int digits = start + code;
            while (digits < raw.length() && Character.isSpaceChar(raw.charAt(digits))) {
                digits++;
            }
            return digits < raw.length() ? raw.substring(0, start) + raw.substring(digits) : raw;
        }
        int end = raw.length();
        if (end > 1 && currency(raw.charAt(end - 1))) {
            end -= 1;
        } else if (end > 3 && currencyAt(raw, end - 3) == 3) {
            end -= 3;
        } else {
            return raw;
        }
        while (end > 0 && Character.isSpaceChar(raw.charAt(end - 1))) {
            end--;
        }
        return end > 0 ? raw.substring(0, end) : raw;
    }

    /** The length of the currency sign (1) or code (3) at {@code at}, 0 when there is none. */
    private static int currencyAt(String raw, int at) {
        if (raw.length() > at && currency(raw.charAt(at))) {
            return 1;
        }
        if (raw.length() >= at + 3 && raw.length() > 3 && upper(raw.charAt(at)) && upper(raw.charAt(at + 1))
                && upper(raw.charAt(at + 2)) && CURRENCY_CODES.contains(raw.substring(at, at + 3))) {
            return 3;
        }
        return 0;
    }

    private static boolean upper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static boolean currency(char c) {
        return Character.getType(c) == Character.CURRENCY_SYMBOL;
    }

    /** ISO 4217 codes as the JDK knows them: only a real code is read past, never any three letters. */
    private static final java.util.Set<String> CURRENCY_CODES = java.util.Currency.getAvailableCurrencies().stream()
            .map(java.util.Currency::getCurrencyCode).collect(java.util.stream.Collectors.toUnmodifiableSet());

    /** How this notation writes numbers, to follow a rejected value's reason; empty for the plain notation. */
    public String describe() {
        if (shape == null) {
            return "";
        }
        String mark = decimal == null ? "." : decimal;
        return " written with '" + mark + "' decimals"
                + (grouping == null ? "" : " and '" + grouping + "' between thousands");
    }
}

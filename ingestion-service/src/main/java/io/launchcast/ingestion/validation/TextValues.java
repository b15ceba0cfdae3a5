package io.launchcast.ingestion.validation;

import java.util.List;

/** The checks every value of a row passes before it is mapped, whatever the source format. */
public final class TextValues {

    private TextValues() {
    }

    /**
     * Why a row's values cannot be taken as text, or null: a value longer than the configured maximum (the
     * staging engine has a line limit, and a runaway field is a broken export, not data), bytes that were not
     * valid in the declared encoding (decoded as U+FFFD), or a control character (NUL, BEL, ...: tab, and the
     * line breaks a quoted field may hold, excepted). Checked before mapping, for every source format.
     */
    public static String unfit(String[] values, List<String> columns, int maxFieldChars) {
        for (int i = 0; i < values.length; i++) {
            String value = values[i];
            if (value == null) {
                continue;
            }
            String column = i < columns.size() ? columns.get(i) : "#" + (i + 1);
            if (value.length() > maxFieldChars) {
                return "field " + column + " is " + value.length() + " characters long, more than the maximum of "
                        + maxFieldChars + " (launchcast.ingestion.max-field-chars)";
            }
            for (int c = 0; c < value.length(); c++) {
                char ch = value.charAt(c);
                if (ch == '\uFFFD') {
                    return "field " + column + " holds bytes that are not valid in the source's declared encoding";
                }
                if (ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r' || ch == 0x7F) {
                    return String.format("field %s holds the control character U+%04X at position %d", column,
                            (int) ch, c + 1);
                }
            }
        }
        return null;
    }

}

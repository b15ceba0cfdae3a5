package io.launchcast.ingestion.source;

import com.github.pjfanning.xlsx.StreamingReader;
import com.github.pjfanning.xlsx.exceptions.ExcelRuntimeException;
import io.launchcast.platform.io.CountingInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.stream.IntStream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;

/**
 * The rows of one sheet of an Excel workbook (Office Open XML: {@code .xlsx}, {@code .xlsm}), streamed a row at a time
 * by excel-streaming-reader over Apache POI (ADR 0157): the sheet's XML is never held whole in memory, only the
 * workbook's shared strings are. The sheet's first row names the columns.
 *
 * <p>Values are read as the text a CSV export of the same data would hold, so the mapping judges them as it judges
 * CSV: a number as its shortest exact decimal ({@code 49.9}, {@code 17850}, never the display format's rounding or
 * thousands separators), a date cell as {@code 2024-01-15}, or {@code 2024-01-15 10:00:00} when its format shows the
 * time, text as it is, a formula as its cached result, an error as Excel shows it ({@code #N/A}, which a typed
 * column then quarantines with its reason), an empty cell as missing. Rows whose cells are all empty are skipped. A
 * row's line is its row number as Excel shows it; its raw line is its values as CSV.
 */
public final class ExcelRecordReader implements RecordReader {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    /** The first bytes of a zip archive, which an .xlsx workbook is. */
    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};
    /** The first bytes of an OLE2 compound document, which a legacy .xls workbook is. */
    private static final byte[] LEGACY_MAGIC = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1,
        0x1A, (byte) 0xE1};
    /** Rows the library parses ahead of the one handed out: a bounded window of the sheet. */
    private static final int ROW_CACHE = 200;

    private final String name;
    private final Workbook workbook;
    private final Iterator<Row> rows;
    private final List<String> columns = new ArrayList<>();
    private final long size;
    private final int lastRow;
    private int[] projection;
    private int rowNumber;

    private ExcelRecordReader(String name, Workbook workbook, Sheet sheet, long size, int headerRow) {
        this.name = name;
        this.workbook = workbook;
        this.size = size;
        this.rows = sheet.iterator();
        this.lastRow = sheet.getLastRowNum();
        while (rows.hasNext() && columns.isEmpty()) {
            Row header = rows.next();
            rowNumber = header.getRowNum() + 1;
            if (rowNumber < headerRow) {
                continue; // a report's title rows above its table
            }
            for (int c = 0; c < header.getLastCellNum(); c++) {
                String column = text(header.getCell(c));
                columns.add(column == null ? "" : column.strip());
            }
            while (!columns.isEmpty() && columns.get(columns.size() - 1).isEmpty()) {
                columns.remove(columns.size() - 1);
            }
        }
    }

    /**
     * Opens {@code sheet} (the first one when null) of the workbook in {@code content}, which it closes; the library
     * copies the stream to a temporary file of its own (a zip is read from its end), deleted on {@link #close()}.
     *
     * @param headerRow the sheet's row (1 is its first) that names the columns; the rows above it are not read
     */
    static ExcelRecordReader open(String name, InputStream content, String sheet, int headerRow) {
        Workbook workbook = null;
        CountingInputStream counted = new CountingInputStream(content);
        try (counted) {
            BufferedInputStream in = new BufferedInputStream(counted);
            refuseWhatIsNotAWorkbook(name, in);
            workbook = StreamingReader.builder().rowCacheSize(ROW_CACHE).open(in);
            // the whole object is on disk now: progress reports its size in proportion to the rows read
            long size = counted.count();
            List<String> sheets = new ArrayList<>();
            for (int i = 0; i < workbook.getNumberOfSheets(); i++) {
                sheets.add(workbook.getSheetName(i));
            }
            // Excel itself tells sheets apart regardless of case
            int index = sheet == null ? (sheets.isEmpty() ? -1 : 0) : IntStream.range(0, sheets.size())
                    .filter(i -> sheets.get(i).equalsIgnoreCase(sheet)).findFirst().orElse(-1);
            if (index < 0) {
                throw new SourceReadException("cannot read " + name + ": it has no sheet "
                        + (sheet == null ? "at all" : "named '" + sheet + "' (its sheets: " + sheets + ")"), null);
            }
            Sheet chosen = workbook.getSheetAt(index);
            return new ExcelRecordReader(name, workbook, chosen, size, headerRow);
        } catch (SourceReadException e) {
            closeQuietly(workbook);
            throw e;
        } catch (IOException | RuntimeException e) {
            closeQuietly(workbook);
            throw new SourceReadException("cannot read " + name + " as an Excel workbook: " + e.getMessage(), e);
        }
    }

    /**
     * Refuses, by its first bytes, a file that is no Office Open XML workbook (a zip archive): the legacy binary
     * format, which the library does not read, with what to do about it, and anything else (a CSV file named
     * {@code .xlsx}) as such, rather than as the corrupt zip the library would report.
     */
    private static void refuseWhatIsNotAWorkbook(String name, BufferedInputStream in) throws IOException {
        in.mark(LEGACY_MAGIC.length);
        byte[] head = in.readNBytes(LEGACY_MAGIC.length);
        in.reset();
        if (Arrays.equals(head, LEGACY_MAGIC)) {
            throw new SourceReadException("cannot read " + name + ": it is a legacy Excel 97-2003 workbook (.xls);"
                    + " save it as .xlsx to read it", null);
        }
        if (head.length < ZIP_MAGIC.length || !Arrays.equals(Arrays.copyOf(head, ZIP_MAGIC.length), ZIP_MAGIC)) {
            throw new SourceReadException("cannot read " + name + " as an Excel workbook: it is not an .xlsx file"
                    + " (an .xlsx file is a zip archive)", null);
        }
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    @Override
    public void project(List<String> wanted) {
        project(wanted, java.util.Set.of());
    }

    @Override
    public List<String> project(List<String> wanted, java.util.Set<String> optional) {
        projection = ColumnsIgnoringCase.positions(name, columns, wanted, optional);
        return ColumnsIgnoringCase.absent(wanted, projection);
    }

    @Override
    public SourceRecord next() {
        try {
            while (rows.hasNext()) {
                Row row = rows.next();
                rowNumber = row.getRowNum() + 1;
                String[] all = new String[Math.max(columns.size(), Math.max(0, row.getLastCellNum()))];
                boolean empty = true;
                for (int c = 0; c < all.length; c++) {
                    all[c] = text(row.getCell(c));
                    empty &= all[c] == null;
                }
                if (empty) {
                    continue;
                }
                String[] values = new String[projection.length];
                for (int i = 0; i < projection.length; i++) {
                    values[i] = projection[i] < 0 ? null : all[projection[i]];
                }
                StringJoiner raw = new StringJoiner(",");
                for (String value : all) {
                    raw.add(value == null ? "" : value);
                }
                return new SourceRecord(rowNumber, raw.toString(), values, null);
            }
            return null;
        } catch (ExcelRuntimeException e) {
            throw new SourceReadException("cannot read " + name + " after row " + rowNumber + ": " + e.getMessage(), e);
        }
    }

    /** The object's bytes in proportion to the sheet's rows read (its dimension gives the last one). */
    @Override
    public long bytesRead() {
        return lastRow <= 0 ? 0 : Math.min(size, Math.round((double) size * rowNumber / (lastRow + 1)));
    }

    @Override
    public void close() {
        try {
            workbook.close();
        } catch (IOException | RuntimeException e) {
            throw new SourceReadException("cannot close " + name + ": " + e.getMessage(), e);
        }
    }

    /** How a number format shows its value: which cells hold dates, and whether with their time of day. */
    private enum Shown { NUMBER, DATE, DATE_TIME }

    /**
     * By a cell style's number format index: telling a date format from others parses the format string, which the
     * library's one-entry cache redoes whenever a row's cells alternate between formats (a tenth of a sheet's read).
     */
    private final Map<Short, Shown> shownByFormat = new HashMap<>();

    /** A cell's value as the text a CSV export would hold, or null when it is empty. */
    String text(Cell cell) {
        if (cell == null) {
            return null;
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        String text = switch (type) {
            case NUMERIC -> number(cell);
            case STRING -> cell.getStringCellValue();
            case BOOLEAN -> cell.getBooleanCellValue() ? "TRUE" : "FALSE";
            case ERROR -> FormulaError.forInt(cell.getErrorCellValue()).getString();
            default -> null;
        };
        return text == null || text.isEmpty() ? null : text;
    }

    private String number(Cell cell) {
        CellStyle style = cell.getCellStyle();
        Shown shown = style == null ? Shown.NUMBER : shownByFormat.computeIfAbsent(style.getDataFormat(), index -> {
            String format = style.getDataFormatString();
            if (format == null || !DateUtil.isADateFormat(index, format)) {
                return Shown.NUMBER;
            }
            return showsTime(format) ? Shown.DATE_TIME : Shown.DATE;
        });
        double value = cell.getNumericCellValue();
        if (shown == Shown.NUMBER || !DateUtil.isValidExcelDate(value)) {
            return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        }
        LocalDateTime at = cell.getLocalDateTimeCellValue();
        return shown == Shown.DATE_TIME ? DATE_TIME.format(at) : DATE.format(at);
    }

    /** Whether a date format shows the time of day: hours or seconds outside quoted text and brackets. */
    static boolean showsTime(String format) {
        boolean quoted = false;
        boolean bracket = false;
        for (char ch : format.toCharArray()) {
            if (ch == '"') {
                quoted = !quoted;
            } else if (!quoted && ch == '[') {
                bracket = true;
            } else if (!quoted && ch == ']') {
                bracket = false;
            } else if (!quoted && !bracket && (ch == 'h' || ch == 'H' || ch == 's' || ch == 'S')) {
                return true;
            }
        }
        return false;
    }

    private static void closeQuietly(Workbook workbook) {
        if (workbook == null) {
            return;
        }
        try {
            workbook.close();
        } catch (IOException | RuntimeException ignored) {
            // already failing
        }
    }
}

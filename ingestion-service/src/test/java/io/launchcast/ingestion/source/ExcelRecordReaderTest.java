package io.launchcast.ingestion.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.launchcast.ingestion.mapping.SourceSpec.FormatSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

class ExcelRecordReaderTest {

    private static final FormatSpec ORDERS_SHEET = new FormatSpec("excel", null, null, null, null, null, "Orders");

    @Test
    void cellsComeAsTheTextACsvExportWouldHold() throws Exception {
        try (RecordReader reader = RecordReaders.open("orders.xlsx", new ByteArrayInputStream(workbook(0)),
                ORDERS_SHEET)) {
            assertThat(reader.columns()).containsExactly("SKU", "Sold at", "Day", "Qty", "Price", "Total", "Gift",
                    "Check");
            reader.project(List.of("sku", "SOLD AT", "day", "qty", "price", "total", "gift", "check"));

            SourceRecord first = reader.next();
            // the display formats (thousands separators, two decimals, d/m/yy) do not reach the values
            assertThat(first.values()).containsExactly("P1", "2024-01-15 10:30:00", "2024-01-15", "2", "49.9", "99.8",
                    "TRUE", "#N/A");
            assertThat(first.line()).isEqualTo(2);
            assertThat(first.raw()).isEqualTo("P1,2024-01-15 10:30:00,2024-01-15,2,49.9,99.8,TRUE,#N/A");

            // row 3 is all empty cells and is skipped; row 4 has empty cells within it
            SourceRecord second = reader.next();
            assertThat(second.line()).isEqualTo(4);
            assertThat(second.values()).containsExactly("P2", "2024-01-16 00:00:00", null, "17850", "1234567.5",
                    "22037029875", "FALSE", null);
            assertThat(second.raw()).isEqualTo("P2,2024-01-16 00:00:00,,17850,1234567.5,22037029875,FALSE,");
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void progressFollowsTheRowsOfTheSheet() throws Exception {
        byte[] bytes = workbook(400);
        try (RecordReader reader = RecordReaders.open("orders.xlsx", new ByteArrayInputStream(bytes), ORDERS_SHEET)) {
            reader.project(List.of("SKU"));
            List<Long> progress = new ArrayList<>();
            while (reader.next() != null) {
                progress.add(reader.bytesRead());
            }
            assertThat(progress).hasSize(402).isSorted();
            assertThat(progress.get(0)).isLessThan(bytes.length / 50);
            assertThat(progress.get(200)).isBetween(bytes.length / 3L, bytes.length * 2L / 3);
            assertThat(progress.get(progress.size() - 1)).isEqualTo(bytes.length);
        }
    }

    @Test
    void theFirstSheetIsReadWhenNoneIsNamed() throws Exception {
        FormatSpec excel = new FormatSpec("excel", null, null, null, null, null, null);
        try (RecordReader reader = RecordReaders.open("orders.xlsx", new ByteArrayInputStream(workbook(2)), excel)) {
            assertThat(reader.columns()).containsExactly("read me");
        }
    }

    @Test
    void aMissingSheetIsNamedWithTheSheetsThereAre() throws Exception {
        FormatSpec sales = new FormatSpec("excel", null, null, null, null, null, "Sales");
        assertThatThrownBy(() -> RecordReaders.open("orders.xlsx", new ByteArrayInputStream(workbook(2)), sales))
                .isInstanceOf(SourceReadException.class)
                .hasMessage("cannot read orders.xlsx: it has no sheet named 'Sales' (its sheets: [Notes, Orders])");
    }

    @Test
    void aFileThatIsNotAWorkbookIsRefusedNamingIt() {
        byte[] csv = "sku,qty\nP1,2\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> RecordReaders.open("orders.xlsx", new ByteArrayInputStream(csv), ORDERS_SHEET))
                .isInstanceOf(SourceReadException.class)
                .hasMessage("cannot read orders.xlsx as an Excel workbook: it is not an .xlsx file (an .xlsx file is a"
                        + " zip archive)");
    }

    @Test
    void aLegacyWorkbookIsRefusedSayingHowToReadIt() throws Exception {
        byte[] legacy;
        try (HSSFWorkbook book = new HSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            book.createSheet("Orders").createRow(0).createCell(0).setCellValue("SKU");
            book.write(out);
            legacy = out.toByteArray();
        }
        assertThatThrownBy(() -> RecordReaders.open("orders.xls", new ByteArrayInputStream(legacy), ORDERS_SHEET))
                .isInstanceOf(SourceReadException.class)
                .hasMessage("cannot read orders.xls: it is a legacy Excel 97-2003 workbook (.xls); save it as .xlsx to"
                        + " read it");
    }

    @Test
    void aTruncatedWorkbookFailsAsCorrupt() throws Exception {
        byte[] whole = workbook(0);
        byte[] truncated = Arrays.copyOf(whole, whole.length / 2);
        assertThatThrownBy(() -> RecordReaders.open("orders.xlsx", new ByteArrayInputStream(truncated), ORDERS_SHEET))
                .isInstanceOf(SourceReadException.class)
                .hasMessageStartingWith("cannot read orders.xlsx as an Excel workbook: ");
    }

    @Test
    void aDateFormatShowsTheTimeWhenItHasHoursOrSecondsOutsideQuotesAndBrackets() {
        assertThat(ExcelRecordReader.showsTime("yyyy-mm-dd hh:mm")).isTrue();
        assertThat(ExcelRecordReader.showsTime("[$-409]m/d/yy h:mm AM/PM")).isTrue();
        assertThat(ExcelRecordReader.showsTime("d/m/yy")).isFalse();
        assertThat(ExcelRecordReader.showsTime("mmmm d, yyyy")).isFalse();
        assertThat(ExcelRecordReader.showsTime("[$-F800]dddd, mmmm dd, yyyy")).isFalse();
        assertThat(ExcelRecordReader.showsTime("dd \"hs\" mm yyyy")).isFalse();
    }

    /**
     * A workbook of a "Notes" sheet and an "Orders" sheet: a header, then an order P1 with every kind of cell, an empty
     * row, P2 with gaps, and {@code more} plain orders.
     */
    static byte[] workbook(int more) throws Exception {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            book.createSheet("Notes").createRow(0).createCell(0).setCellValue("read me");
            Sheet orders = book.createSheet("Orders");
            CellStyle dateTime = style(book, "yyyy-mm-dd hh:mm");
            CellStyle date = style(book, "d/m/yy");
            CellStyle money = style(book, "#,##0.00");
            CellStyle whole = style(book, "#,##0");
            Row header = orders.createRow(0);
            String[] names = {"SKU", "Sold at", "Day", "Qty", "Price", "Total", "Gift", "Check"};
            for (int c = 0; c < names.length; c++) {
                header.createCell(c).setCellValue(names[c]);
            }
            Row first = orders.createRow(1);
            first.createCell(0).setCellValue("P1");
            first.createCell(1).setCellValue(LocalDateTime.of(2024, 1, 15, 10, 30));
            first.getCell(1).setCellStyle(dateTime);
            first.createCell(2).setCellValue(LocalDate.of(2024, 1, 15));
            first.getCell(2).setCellStyle(date);
            first.createCell(3).setCellValue(2);
            first.createCell(4).setCellValue(49.9);
            first.getCell(4).setCellStyle(money);
            first.createCell(5).setCellFormula("D2*E2");
            first.createCell(6).setCellValue(true);
            first.createCell(7).setCellErrorValue(FormulaError.NA.getCode());
            Row empty = orders.createRow(2);
            empty.createCell(0).setCellStyle(money);
            empty.createCell(3).setCellValue("");
            Row second = orders.createRow(3);
            second.createCell(0).setCellValue("P2");
            second.createCell(1).setCellValue(LocalDateTime.of(2024, 1, 16, 0, 0));
            second.getCell(1).setCellStyle(dateTime);
            second.createCell(3).setCellValue(17850);
            second.getCell(3).setCellStyle(whole);
            second.createCell(4).setCellValue(1234567.5);
            second.getCell(4).setCellStyle(whole);
            second.createCell(5).setCellFormula("D4*E4");
            second.createCell(6).setCellValue(false);
            for (int i = 0; i < more; i++) {
                orders.createRow(4 + i).createCell(0).setCellValue("Q" + i);
            }
            book.getCreationHelper().createFormulaEvaluator().evaluateAll();
            book.write(out);
            return out.toByteArray();
        }
    }

    private static CellStyle style(XSSFWorkbook book, String format) {
        CellStyle style = book.createCellStyle();
        style.setDataFormat(book.createDataFormat().getFormat(format));
        return style;
    }
}

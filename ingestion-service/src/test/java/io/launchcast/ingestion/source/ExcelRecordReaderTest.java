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
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

class ExcelRecordReaderTest {

    /** Named as a mapping author might type it: Excel tells sheets apart regardless of case. */
    private static final FormatSpec ORDERS_SHEET = new FormatSpec("excel", null, null, null, null, null, "orders");

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
    void anAbsentOptionalColumnIsMissingAndAnAbsentRequiredOneIsNamed() throws Exception {
        try (RecordReader reader = RecordReaders.open("orders.xlsx", new ByteArrayInputStream(workbook(0)),
                ORDERS_SHEET)) {
            reader.project(List.of("sku", "channel", "qty"), java.util.Set.of("channel"));
            assertThat(reader.next().values()).containsExactly("P1", null, "2");
        }
        try (RecordReader reader = RecordReaders.open("orders.xlsx", new ByteArrayInputStream(workbook(0)),
                ORDERS_SHEET)) {
            assertThatThrownBy(() -> reader.project(List.of("sku", "channel"), java.util.Set.of()))
                    .isInstanceOf(MissingColumnsException.class).hasMessageContaining("channel");
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
    void aReportsTitleRowsAboveItsHeaderRowAreNotRead() throws Exception {
        byte[] bytes;
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet report = book.createSheet("Report");
            report.createRow(0).createCell(0).setCellValue("Sales by item, January 2024");
            String[] names = {"Item", "Qty"};
            Row header = report.createRow(2);
            for (int c = 0; c < names.length; c++) {
                header.createCell(c).setCellValue(names[c]);
            }
            Row row = report.createRow(3);
            row.createCell(0).setCellValue("A");
            row.createCell(1).setCellValue(2);
            book.write(out);
            bytes = out.toByteArray();
        }
        FormatSpec excel = new FormatSpec("excel", null, null, null, null, null, null, null, null, 3, null, null);
        try (RecordReader reader = RecordReaders.open("report.xlsx", new ByteArrayInputStream(bytes), excel)) {
            assertThat(reader.columns()).containsExactly("Item", "Qty");
            reader.project(List.of("Qty", "Item"));
            SourceRecord first = reader.next();
            assertThat(first.values()).containsExactly("2", "A");
            assertThat(first.line()).isEqualTo(4);
            assertThat(reader.next()).isNull();
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

    /**
     * A workbook as other writers make it, not as Apache POI does: built-in date formats (ids 14 and 22, no format
     * string in the file), inline strings, cells and rows without references, a shared formula.
     */
    @Test
    void aWorkbookOfAnotherWritersMakingReadsAlike() throws Exception {
        String sheet = """
                <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:D3"/>
                <sheetData>
                <row><c t="inlineStr"><is><t>sku</t></is></c><c t="inlineStr"><is><t>launch</t></is></c>\
                <c t="inlineStr"><is><t>first order</t></is></c><c t="inlineStr"><is><t>units</t></is></c></row>
                <row><c t="inlineStr"><is><t>0042</t></is></c><c s="1"><v>45306</v></c><c s="2"><v>45306.4375</v></c>\
                <c><v>12</v></c></row>
                <row><c t="inlineStr"><is><t>0043</t></is></c><c s="1"><v>45313</v></c><c s="2"><v>45313.5</v></c>\
                <c><f t="shared" si="0" ref="D3">D2+1</f><v>13</v></c></row>
                </sheetData></worksheet>""";
        String styles = """
                <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
                <fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders>
                <cellStyleXfs count="1"><xf/></cellStyleXfs>
                <cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/>\
                <xf numFmtId="22" applyNumberFormat="1"/></cellXfs></styleSheet>""";
        byte[] bytes = zip(
                "[Content_Types].xml", """
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
                <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
                <Default Extension="xml" ContentType="application/xml"/>
                <Override PartName="/xl/workbook.xml" \
                ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
                <Override PartName="/xl/worksheets/sheet1.xml" \
                ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
                <Override PartName="/xl/styles.xml" \
                ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>""",
                "_rels/.rels", """
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                <Relationship Id="rId1" Target="xl/workbook.xml" \
                Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>\
                </Relationships>""",
                "xl/workbook.xml", """
                <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
                xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
                <sheets><sheet name="Plan" sheetId="1" r:id="rId1"/></sheets></workbook>""",
                "xl/_rels/workbook.xml.rels", """
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                <Relationship Id="rId1" Target="worksheets/sheet1.xml" \
                Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"/>
                <Relationship Id="rId2" Target="styles.xml" \
                Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"/></Relationships>""",
                "xl/styles.xml", styles,
                "xl/worksheets/sheet1.xml", sheet);
        FormatSpec plan = new FormatSpec("excel", null, null, null, null, null, "Plan");
        try (RecordReader reader = RecordReaders.open("plan.xlsx", new ByteArrayInputStream(bytes), plan)) {
            assertThat(reader.columns()).containsExactly("sku", "launch", "first order", "units");
            reader.project(List.of("sku", "launch", "first order", "units"));
            SourceRecord first = reader.next();
            assertThat(first.values()).containsExactly("0042", "2024-01-15", "2024-01-15 10:30:00", "12");
            assertThat(first.line()).isEqualTo(2);
            assertThat(reader.next().values()).containsExactly("0043", "2024-01-22", "2024-01-22 12:00:00", "13");
            assertThat(reader.next()).isNull();
        }
    }

    private static byte[] zip(String... namesAndTexts) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i < namesAndTexts.length; i += 2) {
                zip.putNextEntry(new ZipEntry(namesAndTexts[i]));
                zip.write(("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" + namesAndTexts[i + 1])
                        .getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
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

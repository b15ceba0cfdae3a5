package io.launchcast.ingestion.source;

import io.launchcast.platform.io.CountingInputStream;
import io.launchcast.ingestion.mapping.SourceSpec.FormatSpec;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.zip.GZIPInputStream;

/** Opens a reader for a file-like object in the format a mapping declares. */
public final class RecordReaders {

    private RecordReaders() {
    }

    /**
     * A reader over {@code content}, which it owns and closes.
     *
     * @param name the object's name: a {@code .gz} suffix means gzip when the format says {@code auto}, and
     *        the gzip magic bytes are checked as well, as are a zip archive's (its one file is read) (not for Parquet or Excel, which compress
     *        themselves)
     */
    public static RecordReader open(String name, InputStream content, FormatSpec format) {
        if (format.isParquet()) {
            // a Parquet file compresses its own pages, and is read whole from a file (ParquetRecordReader)
            return ParquetRecordReader.open(name, content, format.explode());
        }
        if (format.isExcel()) {
            // a workbook is a zip, compressed by itself
            return ExcelRecordReader.open(name, content, format.sheet(), format.headerLine());
        }
        CountingInputStream counter = new CountingInputStream(content);
        try {
            InputStream decoded = new BufferedInputStream(counter, 1 << 16);
            boolean gzip = switch (format.compression()) {
                case "gzip" -> true;
                case "none", "zip" -> false;
                default -> name.endsWith(".gz") || startsWithGzipMagic(decoded);
            };
            boolean zip = format.compression().equals("zip")
                    || format.compression().equals("auto") && !gzip && startsWithZipMagic(decoded);
            if (gzip) {
                decoded = new BufferedInputStream(new GZIPInputStream(decoded, 1 << 16), 1 << 16);
            } else if (zip) {
                decoded = new BufferedInputStream(SingleFileZip.of(name, decoded), 1 << 16);
            }
            Charset charset = Charset.forName(format.encoding());
            if (format.isJson()) {
                return new JsonRecordReader(name, counter, decoded, charset, format.records(), format.explode());
            }
            if (format.isJsonLines()) {
                return new JsonLinesRecordReader(name, counter, decoded, charset, format.explode());
            }
            return new CsvRecordReader(name, counter, decoded, charset, format.delimiter().charAt(0),
                    format.quote().charAt(0), format.multiline(), format.headerLine());
        } catch (IOException e) {
            try {
                counter.close();
            } catch (IOException ignored) {
                // already failing
            }
            throw new SourceReadException("cannot open " + name + ": " + e.getMessage(), e);
        }
    }

    private static boolean startsWithZipMagic(InputStream in) throws IOException {
        in.mark(4);
        byte[] magic = in.readNBytes(4);
        in.reset();
        return magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
    }

    private static boolean startsWithGzipMagic(InputStream in) throws IOException {
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        return first == 0x1f && second == 0x8b;
    }
}

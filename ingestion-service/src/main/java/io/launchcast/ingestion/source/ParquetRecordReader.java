package io.launchcast.ingestion.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The rows of a Parquet file, read by DuckDB, which decodes Parquet itself (no decoder of our own, ADR 0156). DuckDB
 * reads files, not streams, so the object is copied to a temporary file first, deleted when the reader closes. Values
 * are read as text, so the mapping judges them exactly as it judges a CSV file's: DuckDB renders a date as
 * {@code 2024-01-15}, a timestamp as {@code 2024-01-15 10:00:00} and a decimal with its scale ({@code 49.90}); the
 * raw line of a row is its values as CSV. A struct column's fields are columns too, named by their dotted path
 * ({@code event.name}, {@code item.brand.name}), as JSON Lines reads nested objects; lists are read as their text,
 * except the one to explode, whose elements are the rows (ADR 0188), each numbered by its row in the file.
 */
public final class ParquetRecordReader implements RecordReader {

    /** The exploded list's element, as a column of its own (its fields: {@code __element.sku}). */
    private static final String ELEMENT = "__element";

    /** Rows DuckDB hands over at a time: memory stays bounded whatever the file's size. */
    private static final int FETCH_SIZE = 10_000;

    private final Path file;
    private final long size;
    private final long total;
    private final JdbcRecordReader rows;
    /** The list column whose elements are the rows, or null: a row per row. */
    private final String explode;
    private int wanted;
    private long read;

    private ParquetRecordReader(Path file, long size, long total, JdbcRecordReader rows, String explode) {
        this.file = file;
        this.size = size;
        this.total = total;
        this.rows = rows;
        this.explode = explode;
    }

    /**
     * Copies {@code content} (which it closes) to a temporary file and opens a reader over its rows.
     *
     * @param explode the dotted path of a list column whose elements are the rows (an event's items), or null
     */
    static ParquetRecordReader open(String name, InputStream content, String explode) {
        Path file = null;
        try (content) {
            file = Files.createTempFile("launchcast-source-", ".parquet");
            long size = Files.copy(content, file, StandardCopyOption.REPLACE_EXISTING);
            String source = "read_parquet('" + file.toString().replace("'", "''") + "'"
                    + (explode == null ? ")" : ", file_row_number = true)");
            Connection duckdb = duckdb();
            if (explode != null) {
                source = exploded(duckdb, source, explode, name);
            }
            long total;
            // the row count is in the file's footer: it costs no scan, and lets progress follow the rows read
            try (Statement count = duckdb.createStatement();
                 ResultSet result = count.executeQuery("SELECT count(*) FROM " + source)) {
                result.next();
                total = result.getLong(1);
            } catch (SQLException e) {
                duckdb.close();
                throw e;
            }
            // every column cast to text by DuckDB itself (a timestamp as 2024-01-15 10:00:00), names kept; JDBC's
            // own rendering would add fractions of a second (2024-01-15 10:00:00.0) that no date pattern expects
            List<String> select = new java.util.ArrayList<>(List.of("COLUMNS(*)::VARCHAR"));
            structFields(duckdb, source, "", List.of(), select);
            return new ParquetRecordReader(file, size, total, new JdbcRecordReader(name, duckdb,
                    "SELECT " + String.join(", ", select) + " FROM " + source, FETCH_SIZE), explode);
        } catch (IOException | SQLException | RuntimeException e) {
            delete(file);
            // DuckDB names the temporary copy; the reader of the error knows the object by its name
            Throwable cause = e instanceof SourceReadException && e.getCause() != null ? e.getCause() : e;
            // its first line: DuckDB goes on to quote the query, which names the copy too
            String why = String.valueOf(cause.getMessage()).lines().findFirst().orElse("");
            if (file != null) {
                why = why.replace(file.toString(), name);
            }
            throw new SourceReadException("cannot read " + name + " as Parquet: " + why, e);
        }
    }

    /**
     * Adds to {@code select} each field of every struct column (of {@code path}'s struct, the table's columns when it
     * is empty) as text under its dotted path, depth first; a name the file already has is left to that column.
     */
    private static void structFields(Connection duckdb, String source, String prefix, List<String> path,
                                     List<String> select) throws SQLException {
        // unnest of a struct is its fields as columns, at any depth (a star only follows a single name)
        String of = path.isEmpty() ? "*" : "unnest(" + String.join(".", path.stream()
                .map(ParquetRecordReader::quote).toList()) + ")";
        List<String[]> columns = new java.util.ArrayList<>();
        try (Statement describe = duckdb.createStatement();
             ResultSet result = describe.executeQuery("DESCRIBE SELECT " + of + " FROM " + source)) {
            while (result.next()) {
                columns.add(new String[] {result.getString("column_name"), result.getString("column_type")});
            }
        }
        for (String[] column : columns) {
            List<String> at = new java.util.ArrayList<>(path);
            at.add(column[0]);
            if (!path.isEmpty()) {
                select.add(String.join(".", at.stream().map(ParquetRecordReader::quote).toList()) + "::VARCHAR AS "
                        + quote(prefix + column[0]));
            }
            // a struct's type is STRUCT(...); a list of structs, STRUCT(...)[], is a list: read as its text
            if (column[1].startsWith("STRUCT(") && column[1].endsWith(")")) {
                structFields(duckdb, source, prefix + column[0] + ".", at, select);
            }
        }
    }

    /**
     * The rows with a row per element of the list at {@code path}: its index (from 1), the list's length and the
     * element beside the row's columns and its row number in the file. An empty or absent list keeps its row, with
     * no element, so that it is counted: UNNEST alone would drop it.
     */
    private static String exploded(Connection duckdb, String source, String path, String name) throws SQLException {
        String list = String.join(".", java.util.Arrays.stream(path.split("\\.")).map(ParquetRecordReader::quote)
                .toList());
        String type;
        try (Statement describe = duckdb.createStatement();
             ResultSet result = describe.executeQuery("DESCRIBE SELECT " + list + " FROM " + source)) {
            result.next();
            type = result.getString("column_type");
        } catch (SQLException e) {
            throw new SourceReadException("cannot read " + name + ": no column " + path + " to explode", e);
        }
        if (!type.endsWith("[]")) {
            throw new SourceReadException("cannot read " + name + ": " + path + " is no list to explode (" + type + ")",
                    null);
        }
        return "(SELECT * EXCLUDE (\"__list\"), generate_subscripts(\"__list\", 1) AS \"__index\","
                + " unnest(\"__list\") AS \"__element\" FROM (SELECT *, len(" + list + ") AS \"__length\","
                + " CASE WHEN len(" + list + ") > 0 THEN " + list + " ELSE [NULL] END AS \"__list\" FROM " + source + "))";
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /**
     * An in-process DuckDB decoding on one thread: the mapping takes the rows one at a time, and more threads would
     * only hold more decoded row groups in memory ahead of it.
     */
    private static Connection duckdb() throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement settings = connection.createStatement()) {
            settings.execute("SET threads = 1");
            return connection;
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    @Override
    public List<String> columns() {
        return rows.columns();
    }

    @Override
    public void project(List<String> wanted) {
        project(wanted, java.util.Set.of());
    }

    @Override
    public List<String> project(List<String> wanted, java.util.Set<String> optional) {
        if (explode == null) {
            return rows.project(wanted, optional);
        }
        // the element's columns are read from it, and the row's number, the element's index, the list's length and
        // the element itself follow the wanted columns
        this.wanted = wanted.size();
        List<String> columns = new java.util.ArrayList<>(wanted.stream().map(w -> w.equals(explode) ? ELEMENT
                : w.startsWith(explode + ".") ? ELEMENT + w.substring(explode.length()) : w).toList());
        columns.addAll(List.of("file_row_number", "__index", "__length", ELEMENT));
        java.util.Set<String> renamed = new java.util.HashSet<>();
        optional.forEach(o -> renamed.add(o.startsWith(explode + ".") ? ELEMENT + o.substring(explode.length()) : o));
        return rows.project(columns, renamed);
    }

    @Override
    public SourceRecord next() {
        SourceRecord record = rows.next();
        read += record == null ? 0 : 1;
        if (record == null || explode == null) {
            return record;
        }
        String[] values = record.values();
        long line = Long.parseLong(values[wanted]) + 1;
        String length = values[wanted + 2];
        if (length == null || length.equals("0")) {
            return SourceRecord.malformed(line, record.raw(), explode + " is " + (length == null ? "absent" : "empty")
                    + ": the row has no row");
        }
        int index = Integer.parseInt(values[wanted + 1]) - 1;
        return new SourceRecord(line, explode + "[" + index + "]: " + values[wanted + 3],
                java.util.Arrays.copyOf(values, wanted), null);
    }

    /** The file's bytes in proportion to the rows read: the whole file is on disk before the first row. */
    @Override
    public long bytesRead() {
        return total == 0 ? size : Math.round((double) size * read / total);
    }

    @Override
    public void close() {
        try {
            rows.close();
        } finally {
            delete(file);
        }
    }

    private static void delete(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the temporary copy " + file, e);
        }
    }
}

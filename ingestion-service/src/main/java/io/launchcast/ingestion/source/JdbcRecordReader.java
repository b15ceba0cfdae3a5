package io.launchcast.ingestion.source;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The rows of a table or query, streamed with a bounded fetch size. Values are read as text so that the
 * mapping judges them exactly as it judges a file's values; the raw line is the row rendered as CSV.
 */
public final class JdbcRecordReader implements RecordReader {

    private final String name;
    private final Connection connection;
    private final Statement statement;
    private final ResultSet rows;
    private final List<String> columns = new ArrayList<>();
    private int[] projection;
    private long rowNumber;

    /** Runs the query; the reader owns and closes the connection. */
    public JdbcRecordReader(String name, Connection connection, String sql, int fetchSize) {
        this.name = name;
        this.connection = connection;
        try {
            // some drivers (PostgreSQL) stream only outside auto-commit
            connection.setAutoCommit(false);
            readOnly(connection);
            statement = connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            statement.setFetchSize(fetchSize);
            rows = statement.executeQuery(sql);
            ResultSetMetaData meta = rows.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(meta.getColumnLabel(i));
            }
        } catch (SQLException e) {
            close();
            throw new SourceReadException("cannot query " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Read-only is a hint in JDBC; a driver that fixes it per database (DuckDB, whose in-process database here
     * holds nothing to write to) refuses it on the connection, and the reader only reads either way.
     */
    private static void readOnly(Connection connection) {
        try {
            connection.setReadOnly(true);
        } catch (SQLException refused) {
            // the hint is not needed: the reader runs one query and never writes
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
        int[] positions = ColumnsIgnoringCase.positions(name, columns, wanted, optional);
        // result-set columns count from 1; an absent optional column stays at 0, read as no value
        projection = Arrays.stream(positions).map(i -> i < 0 ? 0 : i + 1).toArray();
        return ColumnsIgnoringCase.absent(wanted, positions);
    }

    @Override
    public SourceRecord next() {
        try {
            if (!rows.next()) {
                return null;
            }
            rowNumber++;
            String[] values = new String[projection.length];
            for (int i = 0; i < projection.length; i++) {
                String value = projection[i] == 0 ? null : rows.getString(projection[i]);
                values[i] = value == null || value.isEmpty() ? null : value;
            }
            StringBuilder raw = new StringBuilder();
            for (int i = 1; i <= columns.size(); i++) {
                if (i > 1) {
                    raw.append(',');
                }
                String value = rows.getString(i);
                raw.append(value == null ? "" : value);
            }
            return new SourceRecord(rowNumber, raw.toString(), values, null);
        } catch (SQLException e) {
            throw new SourceReadException("cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public long bytesRead() {
        return 0;
    }

    @Override
    public void close() {
        try {
            connection.rollback();
        } catch (SQLException | RuntimeException e) {
            // read-only work: nothing to roll back
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // the connection is gone either way
        }
    }
}

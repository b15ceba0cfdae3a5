package io.launchcast.ingestion.curated;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every value DuckDB reads back from a staging file is the value staged, whatever characters it holds. */
class StagingFileTest {

    @TempDir
    Path temp;

    @Test
    void readsBackEveryValueExactly() throws Exception {
        String longText = "x\",\n".repeat(40_000);
        List<Object[]> rows = List.of(
                new Object[] {"plain", LocalDate.of(2024, 1, 1), 5L, 1.5},
                new Object[] {"NULL", LocalDate.of(2024, 1, 2), 6L, 2.5},
                new Object[] {" padded ", LocalDate.of(2024, 1, 3), 7L, 3.5},
                new Object[] {"tab\tinside, then quote\"", LocalDate.of(2024, 1, 4), 8L, 4.5},
                new Object[] {"ends with cr\r", LocalDate.of(2024, 1, 5), 9L, 5.5},
                new Object[] {"quote \" and, comma", LocalDate.of(1969, 12, 31), -7L, -0.1},
                new Object[] {"line\nbreak\r\nand tab\t", LocalDate.of(2400, 2, 29), Long.MIN_VALUE, 1e-300},
                new Object[] {"", LocalDate.of(1, 1, 1), Long.MAX_VALUE, 123456789.123456789},
                new Object[] {null, null, null, null},
                new Object[] {"ünïcødé \" 雪 😀", LocalDate.of(2020, 6, 15), 0L, Double.MIN_VALUE},
                new Object[] {longText, LocalDate.of(2000, 1, 1), 1L, 2.0 / 3});
        Path file = temp.resolve("t.csv");
        try (StagingFile staging = new StagingFile(file, List.of(new StagingFile.Column("s", "VARCHAR"),
                new StagingFile.Column("d", "DATE"), new StagingFile.Column("odd \"name\"", "BIGINT"),
                new StagingFile.Column("x", "DOUBLE")))) {
            for (Object[] row : rows) {
                staging.string((String) row[0]);
                if (row[1] == null) {
                    staging.nothing();
                } else {
                    staging.epochDays(((LocalDate) row[1]).toEpochDay());
                }
                if (row[2] == null) {
                    staging.nothing();
                } else {
                    staging.integer((Long) row[2]);
                }
                staging.decimal((Double) row[3]);
                staging.endRow();
            }
            staging.close();
            assertThat(staging.rows()).isEqualTo(rows.size());

            List<Object[]> read = new ArrayList<>();
            try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement s = db.createStatement();
                    ResultSet r = s.executeQuery(staging.view())) {
                assertThat(r.getMetaData().getColumnName(3)).isEqualTo("odd \"name\"");
                assertThat(r.getMetaData().getColumnTypeName(2)).isEqualTo("DATE");
                while (r.next()) {
                    read.add(new Object[] {r.getString(1), r.getObject(2, LocalDate.class),
                            r.getObject(3) == null ? null : r.getLong(3), r.getObject(4) == null ? null : r.getDouble(4)});
                }
            }
            assertThat(read).hasSameSizeAs(rows);
            for (int i = 0; i < rows.size(); i++) {
                assertThat(read.get(i)).as("row %d", i)
                        .containsExactly(rows.get(i));
            }
        }
    }
}

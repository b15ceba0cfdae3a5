package io.launchcast.ingestion.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JdbcRecordReaderTest {

    @Test
    void columnsAreFoundWhateverTheirCaseAndAnAbsentOptionalOneIsMissing() throws Exception {
        Connection db = DriverManager.getConnection("jdbc:h2:mem:optional-columns");
        try (Statement s = db.createStatement()) {
            s.execute("CREATE TABLE orders (sku VARCHAR(10), qty INT)"); // H2 folds the names to upper case
            s.execute("INSERT INTO orders VALUES ('A', 3), ('B', NULL)");
        }
        try (RecordReader reader = new JdbcRecordReader("orders", db, "SELECT * FROM orders", 100)) {
            reader.project(List.of("qty", "channel", "sku"), Set.of("channel"));

            assertThat(reader.next().values()).containsExactly("3", null, "A");
            assertThat(reader.next().values()).containsExactly(null, null, "B");
            assertThat(reader.next()).isNull();
        }
    }
}

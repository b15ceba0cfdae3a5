package io.launchcast.features.trainingset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.launchcast.features.compute.LaunchFeatures;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingSetReaderTest {

    @TempDir
    Path dir;

    private Path write(String rows) throws Exception {
        Path parquet = dir.resolve("set.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("copy (select * from (values " + rows + ") t(product_id, as_of, colour, level)) to '" + parquet
                    + "' (format parquet)");
        }
        return parquet;
    }

    @Test
    void readsOnlyTheWantedLaunchesWithTheirFeaturesAndLeavesNullsAbsent() throws Exception {
        Path parquet = write("('p1', timestamp '2020-01-06 00:00:00', 'red', 1.5),"
                + " ('p2', timestamp '2020-01-13 00:00:00', null, cast(null as double)),"
                + " ('p3', timestamp '2020-01-20 00:00:00', 'blue', 3.0)");

        Map<String, LaunchFeatures> read = TrainingSetReader.read(parquet, "h", Set.of("p2", "p3")::contains);

        assertThat(read).containsOnlyKeys("p2", "p3");
        assertThat(read.get("p3").categorical()).containsExactly(Map.entry("colour", "blue"));
        assertThat(read.get("p3").numeric()).containsExactly(Map.entry("level", 3.0));
        assertThat(read.get("p3").asOf()).isEqualTo(LocalDate.of(2020, 1, 20));
        assertThat(read.get("p2").categorical()).isEmpty();
        assertThat(read.get("p2").numeric()).isEmpty();
        assertThat(TrainingSetReader.read(parquet, "h")).containsOnlyKeys("p1", "p2", "p3");
    }

    @Test
    void refusesAFileWithAProductTwiceEvenWhenThatProductIsNotWanted() throws Exception {
        Path parquet = write("('p1', timestamp '2020-01-06 00:00:00', 'red', 1.5),"
                + " ('p9', timestamp '2020-01-13 00:00:00', 'red', 2.0),"
                + " ('p9', timestamp '2020-02-03 00:00:00', 'red', 2.5)");

        assertThatThrownBy(() -> TrainingSetReader.read(parquet, "h", "p1"::equals))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds product p9 twice (as of 2020-01-13 and 2020-02-03)");
    }
}

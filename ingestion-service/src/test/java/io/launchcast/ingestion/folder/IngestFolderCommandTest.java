package io.launchcast.ingestion.folder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.launchcast.ingestion.mapping.Mapping;
import io.launchcast.ingestion.mapping.MappingReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestFolderCommandTest {

    private static final String MAPPING = """
            name: shop
            version: 1
            sources:
              - name: sales
                files: [{match: "*.csv"}]
                format: {type: csv}
                sales:
                  product-id: sku
                  date: {column: day, format: yyyy-MM-dd}
                  units: qty
            """;

    @TempDir
    Path dir;

    @Test
    void findsTheFilesOfADataFolderThatIsALink() throws IOException {
        // a project that keeps its mapping next to a link to where the (large) data lives, as users do
        Path data = Files.createDirectories(dir.resolve("warehouse/exports"));
        Files.writeString(data.resolve("2024-01-01.csv"), "sku,day,qty\nA,2024-01-01,3\n");
        Files.writeString(data.resolve("2024-01-02.csv"), "sku,day,qty\nA,2024-01-02,1\n");
        Path project = Files.createDirectories(dir.resolve("project"));
        Files.writeString(project.resolve("mapping.yml"), MAPPING);
        Files.createSymbolicLink(project.resolve("by-day"), data);

        assertThat(IngestFolderCommand.sourceFiles(project, mapping(project)))
                .containsExactly(project.resolve("by-day/2024-01-01.csv"), project.resolve("by-day/2024-01-02.csv"));
    }

    @Test
    void aLinkBackToTheFolderIsAClearError() throws IOException {
        Path project = Files.createDirectories(dir.resolve("project"));
        Files.writeString(project.resolve("mapping.yml"), MAPPING);
        Files.writeString(project.resolve("a.csv"), "sku,day,qty\nA,2024-01-01,3\n");
        Files.createSymbolicLink(project.resolve("loop"), project);

        assertThatThrownBy(() -> IngestFolderCommand.sourceFiles(project, mapping(project)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("loop").hasMessageContaining("links back");
    }

    private static Mapping mapping(Path project) throws IOException {
        return MappingReader.read(Files.readString(project.resolve("mapping.yml")), "mapping.yml");
    }
}

package io.launchcast.forecast.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodeVersionTest {

    @TempDir
    Path dir;

    private Path jar(String name, long time, Map<String, String> entries) throws IOException {
        Path jar = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> e : new java.util.TreeMap<>(entries).entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                entry.setLastModifiedTime(FileTime.fromMillis(time));
                zip.putNextEntry(entry);
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return jar;
    }

    @Test
    void aRebuildOfTheSameCodeKeepsItsVersionAndChangedCodeGetsAnother() throws IOException {
        Map<String, String> code = Map.of("BOOT-INF/classes/Train.class", "v1", "BOOT-INF/lib/dep.jar", "dep");
        String first = CodeVersion.describe(jar("a.jar", 1_000_000L, code));
        String rebuilt = CodeVersion.describe(jar("b.jar", 9_000_000L, code));
        String changed = CodeVersion.describe(jar("c.jar", 1_000_000L,
                Map.of("BOOT-INF/classes/Train.class", "v2", "BOOT-INF/lib/dep.jar", "dep")));

        assertThat(rebuilt).isEqualTo(first);
        assertThat(changed).isNotEqualTo(first);
        assertThat(first).contains("BOOT-INF/classes/Train.class 2 ");
    }

    @Test
    void aClassesDirectoryIsDescribedByItsFilesContents() throws IOException {
        Path classes = Files.createDirectories(dir.resolve("classes/io"));
        Files.writeString(classes.resolve("Train.class"), "v1");
        String before = CodeVersion.describe(dir.resolve("classes"));
        Files.writeString(classes.resolve("Train.class"), "v2");

        assertThat(CodeVersion.describe(dir.resolve("classes"))).isNotEqualTo(before).startsWith("io/Train.class 2 ");
    }

    @Test
    void aConfiguredVersionWinsAndOtherwiseTheCodesJarIsDigested() throws IOException {
        Path jar = jar("app.jar", 1_000_000L, Map.of("BOOT-INF/classes/Train.class", "v1"));

        assertThat(CodeVersion.of("2.0", jar.toFile(), "app")).isEqualTo("2.0");
        assertThat(CodeVersion.of("", jar.toFile(), "app")).startsWith("sha256:").hasSize(71);
        assertThat(CodeVersion.of(null, null, "app")).isEqualTo("unlocated:app");
    }
}

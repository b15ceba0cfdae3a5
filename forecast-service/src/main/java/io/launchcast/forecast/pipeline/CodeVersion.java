package io.launchcast.forecast.pipeline;

import io.launchcast.platform.io.Sha256;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.springframework.boot.system.ApplicationHome;

/**
 * What the step caches call the running code: a cached step output is reused only by the code that wrote it.
 * The project version alone cannot say it (every snapshot build has the same one), so unless a version is
 * configured it is derived from the code itself: the name, size and CRC-32 of every entry of the service's jar
 * (read from the jar's directory, not its 160 MB of content; entry times are left out, so rebuilding unchanged
 * code keeps the caches), or of every file under the classes directory when the service runs from one.
 */
final class CodeVersion {

    private CodeVersion() {
    }

    /**
     * {@code configured} when it is set, else the digest of the jar or directory {@code anchor} was loaded from
     * (Spring Boot's {@link ApplicationHome} finds it; under a test runner it finds none, and the name stands).
     */
    static String of(String configured, Class<?> anchor) {
        return of(configured, new ApplicationHome(anchor).getSource(), anchor.getName());
    }

    static String of(String configured, File source, String fallback) {
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        if (source == null) {
            return "unlocated:" + fallback;
        }
        return "sha256:" + Sha256.hex(describe(source.toPath()).getBytes(StandardCharsets.UTF_8));
    }

    /** One line per entry: name, size and CRC-32, in name order. */
    static String describe(Path source) {
        StringBuilder lines = new StringBuilder();
        try {
            if (Files.isDirectory(source)) {
                try (Stream<Path> files = Files.walk(source)) {
                    for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                        byte[] bytes = Files.readAllBytes(file);
                        CRC32 crc = new CRC32();
                        crc.update(bytes);
                        lines.append(source.relativize(file).toString().replace(File.separatorChar, '/')).append(' ')
                                .append(bytes.length).append(' ').append(Long.toHexString(crc.getValue())).append('\n');
                    }
                }
            } else {
                try (ZipFile jar = new ZipFile(source.toFile())) {
                    List<? extends ZipEntry> entries = Collections.list(jar.entries());
                    entries.stream().filter(e -> !e.isDirectory()).sorted(Comparator.comparing(ZipEntry::getName))
                            .forEach(e -> lines.append(e.getName()).append(' ').append(e.getSize()).append(' ')
                                    .append(Long.toHexString(e.getCrc())).append('\n'));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the service's code at " + source, e);
        }
        return lines.toString();
    }
}

package io.launchcast.ingestion.run;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Starts a run.
 *
 * @param mapping the mapping's name
 * @param uris s3:// URIs of objects, or of prefixes (ending in {@code /}) whose objects are all offered;
 *        each object is matched to a source of the mapping by file name. May be empty for JDBC-only mappings.
 */
public record IngestionRequest(@NotBlank @Size(max = 100) String mapping,
        @Size(max = 10_000) List<@NotBlank @Size(max = 2048) String> uris) {

    public List<String> urisOrEmpty() {
        return uris == null ? List.of() : uris;
    }
}

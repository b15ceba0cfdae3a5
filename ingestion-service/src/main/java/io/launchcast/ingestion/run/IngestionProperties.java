package io.launchcast.ingestion.run;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the ingestion runs.
 *
 * @param mappings resource patterns of mapping files, e.g. {@code file:samples/*}{@code /mapping.yml}
 * @param workDir local scratch space of runs (staging database, Parquet before upload); needs about the input's size
 * @param duckdb the local engine's limits
 * @param progressInterval how often a running run's record is rewritten with its progress
 * @param jdbcFetchSize rows fetched per round trip from JDBC sources
 * @param connections JDBC sources by name, referred to by mappings; passwords come from the environment
 * @param resumeInterrupted at start-up, start a new run over the inputs of each run a stop cut off (once)
 * @param maxFieldChars longest value a row may carry; a longer one rejects its row (the staging engine reads
 *                      lines of at most a few MB, and such a field is a broken export, not data)
 */
@Validated
@ConfigurationProperties("launchcast.ingestion")
public record IngestionProperties(@DefaultValue List<String> mappings, @DefaultValue("./data/ingestion-work") Path workDir,
        @Valid @DefaultValue DuckDb duckdb, @DefaultValue("2s") Duration progressInterval,
        @DefaultValue("1000") @Min(1) int jdbcFetchSize, @DefaultValue Map<String, @Valid Connection> connections,
        @DefaultValue("true") boolean resumeInterrupted, @DefaultValue("65536") @Min(1) int maxFieldChars) {

    /**
     * @param memoryLimit DuckDB's memory limit; beyond it DuckDB spills to the work directory
     * @param threads DuckDB worker threads; 0 for one per processor
     */
    public record DuckDb(@DefaultValue("1GB") @NotBlank String memoryLimit, @DefaultValue("0") @Min(0) int threads) {

        public int effectiveThreads() {
            return threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
        }
    }

    /** A JDBC source's connection. */
    public record Connection(@NotBlank String url, String username, String password) {
    }
}

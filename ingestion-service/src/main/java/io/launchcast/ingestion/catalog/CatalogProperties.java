package io.launchcast.ingestion.catalog;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Which catalog registers published versions, and the Glue settings of aws mode.
 *
 * @param type {@code local} (manifests only) or {@code aws} (Glue Data Catalog)
 * @param database the Glue database holding the tables ({@code <dataset>_<table>})
 * @param endpoint optional Glue endpoint override (tests, LocalStack); the region's endpoint when absent
 * @param job the Glue job that runs the transformation definition, when heavy runs are delegated to Glue
 */
@Validated
@ConfigurationProperties("launchcast.ingestion.catalog")
public record CatalogProperties(@DefaultValue("local") @Pattern(regexp = "local|aws") String type,
        @DefaultValue("launchcast") @NotBlank String database, URI endpoint, @DefaultValue Job job) {

    /**
     * Which mappings' runs have their transformation done by a Glue job (aws mode); the others, and every run
     * in local mode, are transformed in-process.
     *
     * @param name the Glue job of every mapping not listed in {@code mappings}; empty for none
     * @param mappings mapping name to the Glue job of its runs (an empty value keeps that mapping in-process)
     * @param pollInterval how often GetJobRun is asked while the job runs
     * @param timeout how long a job may run before the run fails
     */
    public record Job(String name, @DefaultValue Map<String, String> mappings,
            @DefaultValue("10s") Duration pollInterval, @DefaultValue("2h") Duration timeout) {

        /** The job that transforms the runs of {@code mapping}, if any. */
        public Optional<String> nameFor(String mapping) {
            String job = mappings.getOrDefault(mapping, name);
            return job == null || job.isBlank() ? Optional.empty() : Optional.of(job);
        }
    }
}

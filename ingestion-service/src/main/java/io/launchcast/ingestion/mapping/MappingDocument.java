package io.launchcast.ingestion.mapping;

import com.fasterxml.jackson.annotation.JsonCreator;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A mapping file as written: the YAML keys (kebab case) bound one to one, with their constraints. Defaults and
 * the checks that span several keys are applied by {@link MappingReader}, which turns it into a {@link Mapping}.
 */
record MappingDocument(
        @NotBlank(message = "required") @Pattern(regexp = Mapping.NAME, message = Mapping.NAME_RULE) String name,
        @NotNull(message = "required") @Positive(message = "a positive integer is required") Integer version,
        @Pattern(regexp = Mapping.NAME, message = Mapping.NAME_RULE) String dataset,
        String description,
        Period period,
        String defaultRegion,
        @DecimalMin(value = "0", message = "must be between 0 and 1")
        @DecimalMax(value = "1", message = "must be between 0 and 1") Double rejectedShareThreshold,
        @Valid DateRangeSpec validDates,
        Map<String, @Valid AttributeSpec> attributes,
        @NotEmpty(message = "at least one source is needed") List<@Valid SourceSpec> sources,
        @Valid LaunchSpec launch,
        Boolean clipNegativePeriods,
        LocalDate completeUntil,
        @Valid LaunchAttributesSpec launchAttributes) {

    /** {@code valid-dates: {from, to}}. */
    record DateRangeSpec(@NotNull(message = "required") LocalDate from, @NotNull(message = "required") LocalDate to) {
    }

    /** An attribute: {@code colour: string} or {@code {type: double, required: true}}. */
    record AttributeSpec(
            @NotNull(message = "required")
            @Pattern(regexp = "string|text|integer|double|date", message = "string, text, integer, double or date")
            String type,
            Boolean required) {

        @JsonCreator
        AttributeSpec {
            required = required != null && required;
        }

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static AttributeSpec of(String type) {
            return new AttributeSpec(type, null);
        }
    }

    /**
     * {@code launch: {date: column | first-sale, left-censoring: {before: 2011-02-01} | {within-days: 62}}}.
     */
    record LaunchSpec(@Pattern(regexp = "column|first-sale", message = "column or first-sale") String date,
            @Valid LeftCensoringSpec leftCensoring) {
    }

    /** Exactly one of {@code before} and {@code within-days}. */
    record LeftCensoringSpec(LocalDate before, @PositiveOrZero(message = "zero or more days") Integer withinDays) {
    }

    /**
     * {@code launch-attributes: {window: {from: 0, to: 0}, price: {median: unit_price}, attributes: {...}}}.
     */
    record LaunchAttributesSpec(@Valid WindowSpec window, @Valid AggregateSpec price,
            Map<String, @Valid AggregateSpec> attributes) {
    }

    /** Periods relative to the launch period, both ends included. */
    record WindowSpec(Integer from, Integer to) {
    }

    /** Exactly one function, naming a sales value: {@code {median: unit_price}}. */
    record AggregateSpec(String median, String mean, String min, String max, String perUnit, String distinct,
                         String mostFrequent, String first, @Valid WindowSpec window) {
    }
}

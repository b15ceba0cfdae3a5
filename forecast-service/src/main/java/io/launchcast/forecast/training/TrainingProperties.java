package io.launchcast.forecast.training;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What the training pipeline trains on. The data set and its configuration come from the service's
 * configuration (the bundled sample's in {@code application.yml}), never from code. The quality gate's thresholds
 * under the same prefix ({@code max-wape}, {@code coverage-min}, {@code coverage-max}) are bound by
 * {@link io.launchcast.forecast.pipeline.GateThresholds}: both pipelines apply them.
 *
 * @param config training configuration (horizon, quantiles, attributes, split, model settings): the same YAML the
 *        accuracy command reads; its {@code dataset} entry is replaced by the curated version the run uses
 * @param dataset curated dataset to train on (its latest version unless a run names one)
 * @param maxFitLaunches most fit launches a run trains on: a split with more trains on a reproducible,
 *        time-stratified sample of this many, and its report and lineage say so (a million launches' features
 *        do not fit the service's heap; docs/adr/0110)
 * @param maxTestLaunches most test launches a run evaluates on, sampled the same way above it
 */
@Validated
@ConfigurationProperties("launchcast.training")
public record TrainingProperties(@NotNull Path config, @NotBlank String dataset,
        @DefaultValue("10000") @Min(1) int maxFitLaunches, @DefaultValue("10000") @Min(1) int maxTestLaunches) {
}

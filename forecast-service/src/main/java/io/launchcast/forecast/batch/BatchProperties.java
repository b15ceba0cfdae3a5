package io.launchcast.forecast.batch;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Batch forecast settings.
 *
 * @param linesPerPart input lines per output part: the unit of restart and of memory use
 * @param threads parts forecast in parallel
 * @param scheduleCron when to forecast every product launching soon ({@code -} disables the schedule)
 * @param scheduleWeeksAhead how far ahead the scheduled job looks for launches
 */
@Validated
@ConfigurationProperties("launchcast.batch")
public record BatchProperties(@DefaultValue("10000") @Min(1) int linesPerPart, @DefaultValue("2") @Min(1) int threads,
        @DefaultValue("-") String scheduleCron, @DefaultValue("8") @Min(1) int scheduleWeeksAhead) {
}

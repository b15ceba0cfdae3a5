package io.launchcast.forecast.batch;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Batch forecast settings.
 *
 * @param linesPerPart input lines per output part: the unit of restart and of memory use. 2,000 lines with
 *                     explanations make parts of about 7 MB, short-lived enough to stay in the young generation;
 *                     at 10,000 (35 MB, held three times while written) parts were promoted and the heap needed
 *                     full collections
 * @param threads parts forecast in parallel
 * @param scheduleCron when to forecast every product launching soon ({@code -} disables the schedule)
 * @param scheduleWeeksAhead how far ahead the scheduled job looks for launches
 */
@Validated
@ConfigurationProperties("launchcast.batch")
public record BatchProperties(@DefaultValue("2000") @Min(1) int linesPerPart, @DefaultValue("2") @Min(1) int threads,
        @DefaultValue("-") String scheduleCron, @DefaultValue("8") @Min(1) int scheduleWeeksAhead) {
}

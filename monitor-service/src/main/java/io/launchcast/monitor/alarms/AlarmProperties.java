package io.launchcast.monitor.alarms;

import jakarta.validation.Valid;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Alarm settings.
 *
 * @param drift how the per-feature drift alarms evaluate their datapoints
 */
@Validated
@ConfigurationProperties("launchcast.monitor.alarms")
public record AlarmProperties(@DefaultValue @Valid AlarmRule drift) {
}

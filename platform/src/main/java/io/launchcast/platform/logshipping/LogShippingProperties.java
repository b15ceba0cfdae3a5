package io.launchcast.platform.logshipping;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Log shipping (local mode).
 *
 * @param enabled whether the shipper runs (the local profile turns it on; aws mode leaves it to CloudWatch Logs)
 * @param file the service's log file ({@code logging.file.name}); its rolled segments are the files beside it whose
 *             name starts with the file's name and a dot
 * @param service the service's name, the folder its logs go to
 * @param interval time between two shipping rounds
 * @param prefix where shipped segments go: {@code <prefix>/<service>/<yyyy>/<MM>/<dd>/<segment>}
 * @param offsetsPrefix where the shipper keeps how far each file was shipped ({@code <offsetsPrefix>/<service>.json}),
 *                      outside {@code prefix} so that tools reading the logs see only log lines
 */
@Validated
@ConfigurationProperties("launchcast.log-shipping")
public record LogShippingProperties(@DefaultValue("false") boolean enabled, Path file,
        @DefaultValue("launchcast") @NotBlank String service, @DefaultValue("1m") @NotNull Duration interval,
        @DefaultValue("logs") @NotBlank String prefix, @DefaultValue("log-shipping") @NotBlank String offsetsPrefix) {
}

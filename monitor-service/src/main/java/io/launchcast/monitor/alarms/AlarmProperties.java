package io.launchcast.monitor.alarms;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Alarm settings.
 *
 * @param drift how the per-feature drift alarms evaluate their datapoints
 * @param quality how the forecast-quality alarms evaluate theirs (one datapoint per arrival of actuals)
 * @param policies what an alarm entering ALARM does, first matching prefix wins (none: notify only)
 * @param type {@code local}: thresholds are applied by the local evaluator only; {@code aws}: CloudWatch alarms
 *             on the published gauges are created too ({@link AlarmDefinitions})
 * @param cloudWatch how aws mode's CloudWatch alarms are made
 * @param prefix where alarm state and history ({@code <prefix>/<group>/}) and the policies' last retraining
 *               ({@code <prefix>/retraining/}) are kept in the object store
 */
@Validated
@ConfigurationProperties("launchcast.monitor.alarms")
public record AlarmProperties(@DefaultValue @Valid AlarmRule drift, @DefaultValue @Valid AlarmRule quality,
        @DefaultValue List<@Valid Policy> policies, @DefaultValue("LOCAL") Type type,
        @DefaultValue @Valid CloudWatch cloudWatch, @DefaultValue("monitoring/alarms") @NotBlank String prefix) {

    /** Where alarms are defined besides the local evaluator. */
    public enum Type { LOCAL, AWS }

    /**
     * CloudWatch alarm settings (aws mode).
     *
     * @param namespace the namespace the gauges are published under
     *                  ({@code management.cloudwatch.metrics.export.namespace})
     * @param period the period of a datapoint (monitoring runs are hourly by default)
     * @param alarmActions ARNs notified on ALARM, e.g. an SNS topic (none: actions disabled)
     */
    public record CloudWatch(@DefaultValue("Launchcast") @NotBlank String namespace,
            @DefaultValue("1h") Duration period, @DefaultValue List<String> alarmActions) {
    }

    /** Notify only, or also start a retraining pipeline run. */
    public enum Action { NOTIFY, RETRAIN }

    /**
     * One policy.
     *
     * @param alarmPrefix alarms whose name starts with it (e.g. {@code drift-launch-demand-})
     * @param action what to do
     * @param coolDown how long after a retraining it starts no other
     */
    public record Policy(@NotNull String alarmPrefix, @DefaultValue("NOTIFY") Action action,
            @DefaultValue("24h") Duration coolDown) {
    }
}

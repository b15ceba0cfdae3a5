package io.launchcast.monitor.alarms;

/**
 * Port: where the monitor's alarm thresholds are declared. In local mode the local evaluator ({@link LocalAlarms})
 * applies them to the datapoints itself; in aws mode CloudWatch alarms on the published gauges are created or
 * updated as well, so CloudWatch's console, alarm actions and dashboards see the same thresholds
 * ({@code launchcast.monitor.alarms.type}).
 */
public interface AlarmDefinitions {

    /**
     * Creates the alarm or updates it to this definition; the same definition again changes nothing.
     *
     * @throws AlarmDefinitionException when the alarm service refuses it or cannot be reached
     */
    void define(AlarmDefinition definition);

    /**
     * The alarm's datapoints so far no longer count: they were judged against a model version that no longer
     * serves, and the one serving has given none yet. The alarm goes to INSUFFICIENT_DATA until its next
     * definition and datapoint, also when the alarm was defined before the monitor restarted. Nothing happens for an
     * alarm the alarm service does not have.
     *
     * @throws AlarmDefinitionException when the alarm service refuses it or cannot be reached
     */
    void withdrawVerdict(String name);

    /** Deletes the alarm; one not defined is left alone. */
    void delete(String name);
}

package io.launchcast.monitor.alarms;

import java.time.Instant;

/**
 * An alarm as {@code GET /alarms} shows it.
 *
 * @param name alarm name, {@code <kind>-<group>-<subject>}
 * @param metric the metric it watches
 * @param modelVersion model version of the latest datapoint
 * @param state current state
 * @param since when it entered that state
 * @param lastValue the latest datapoint's value
 * @param threshold the latest datapoint's threshold
 */
public record Alarm(String name, String metric, String modelVersion, AlarmRule.State state, Instant since,
        Double lastValue, Double threshold) {

    /** One state change, the entries of {@code GET /alarms/{name}/history}. */
    public record Transition(Instant at, AlarmRule.State from, AlarmRule.State to, String reason) {
    }
}

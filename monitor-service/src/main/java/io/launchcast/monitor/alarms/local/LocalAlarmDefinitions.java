package io.launchcast.monitor.alarms.local;

import io.launchcast.monitor.alarms.AlarmDefinition;
import io.launchcast.monitor.alarms.AlarmDefinitions;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Local mode: the local evaluator compares each datapoint with the threshold it comes with, so declaring an alarm
 * only records the definition (what aws mode would have sent to CloudWatch).
 */
public class LocalAlarmDefinitions implements AlarmDefinitions {

    private final Map<String, AlarmDefinition> definitions = new ConcurrentHashMap<>();

    @Override
    public void define(AlarmDefinition definition) {
        definitions.put(definition.name(), definition);
    }

    @Override
    public void withdrawVerdict(String name) {
        definitions.computeIfPresent(name, (n, definition) -> definition.withoutVerdict());
    }

    @Override
    public void delete(String name) {
        definitions.remove(name);
    }

    /** The latest definition of {@code name}. */
    public Optional<AlarmDefinition> definition(String name) {
        return Optional.ofNullable(definitions.get(name));
    }
}

package io.launchcast.monitor.alarms.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchcast.monitor.alarms.AlarmDefinitions;
import io.launchcast.monitor.alarms.AlarmDefinitionsContract;
import org.junit.jupiter.api.Test;

class LocalAlarmDefinitionsTest implements AlarmDefinitionsContract {

    private final LocalAlarmDefinitions definitions = new LocalAlarmDefinitions();

    @Override
    public AlarmDefinitions definitions() {
        return definitions;
    }

    @Test
    void keepsTheLatestDefinition() {
        definitions.define(AlarmDefinitionsContract.wape(0.8));
        definitions.define(AlarmDefinitionsContract.wape(0.6));

        assertThat(definitions.definition("quality-launch-demand-wape")).get()
                .extracting(d -> d.threshold()).isEqualTo(0.6);
    }
}

package io.launchcast.monitor.alarms.local;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "launchcast.monitor.alarms", name = "type", havingValue = "local", matchIfMissing = true)
class LocalAlarmDefinitionsConfiguration {

    @Bean
    LocalAlarmDefinitions localAlarmDefinitions() {
        return new LocalAlarmDefinitions();
    }
}

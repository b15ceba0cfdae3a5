package io.launchcast.monitor;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The clock the monitor reads windows and schedules against (a bean so tests can fix time). */
@Configuration(proxyBeanMethods = false)
class MonitorConfiguration {

    @Bean
    Clock monitorClock() {
        return Clock.systemUTC();
    }
}

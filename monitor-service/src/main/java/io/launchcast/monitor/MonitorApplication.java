package io.launchcast.monitor;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Drift and forecast-quality monitoring, metrics and alarms, retraining triggers (the CloudWatch layer). */
@SpringBootApplication
@ConfigurationPropertiesScan
public class MonitorApplication {

    public static void main(String[] args) {
        SpringApplication.run(MonitorApplication.class, args);
    }
}

package io.launchcast.feature;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Feature definitions, offline and online stores, point-in-time training sets (the Feature Store layer). */
@SpringBootApplication
@ConfigurationPropertiesScan
public class FeatureApplication {

    public static void main(String[] args) {
        SpringApplication.run(FeatureApplication.class, args);
    }
}

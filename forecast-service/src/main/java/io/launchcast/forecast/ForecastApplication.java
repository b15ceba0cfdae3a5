package io.launchcast.forecast;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Cold-start models, training pipeline, model registry and the forecasting API (the SageMaker layer). */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ForecastApplication {

    public static void main(String[] args) {
        SpringApplication.run(ForecastApplication.class, args);
    }
}

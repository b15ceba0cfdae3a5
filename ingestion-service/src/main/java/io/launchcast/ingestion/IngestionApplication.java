package io.launchcast.ingestion;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Enterprise data into curated, versioned datasets in the object store (the Glue layer). */
@SpringBootApplication
@ConfigurationPropertiesScan
public class IngestionApplication {

    public static void main(String[] args) {
        SpringApplication.run(IngestionApplication.class, args);
    }
}

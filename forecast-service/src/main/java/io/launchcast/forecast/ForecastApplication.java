package io.launchcast.forecast;

import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Cold-start models, training pipeline, model registry and the forecasting API (the SageMaker layer).
 *
 * <p>Started as {@code train}, it runs SageMaker's training contract ({@code SageMakerTrainingJob}) and exits; as
 * {@code prepare} or {@code evaluate}, the processing contract of the pipeline's steps ({@code SageMakerProcessingJob}).
 * Started as {@code java -jar forecast-service.jar serve} (how SageMaker starts an inference container), it
 * listens on port 8080 (or {@code SAGEMAKER_BIND_TO_PORT}) unless {@code server.port} says otherwise.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ForecastApplication {

    public static void main(String[] args) {
        if (args.length > 0 && "train".equals(args[0])) {
            // SageMaker starts training containers with "train": no web server, just the job
            io.launchcast.forecast.training.SageMakerTrainingJob.main(args);
            return;
        }
        if (args.length > 0 && io.launchcast.forecast.training.SageMakerProcessingJob.COMMANDS.contains(args[0])) {
            // the pipeline's Prepare and Evaluate processing steps: the job, then exit
            io.launchcast.forecast.training.SageMakerProcessingJob.main(args);
            return;
        }
        SpringApplication application = new SpringApplication(ForecastApplication.class);
        application.run(sageMakerServe(args));
    }

    /** {@code serve [args]} becomes {@code [args] --server.port=8080} unless a port is given explicitly. */
    static String[] sageMakerServe(String[] args) {
        if (args.length == 0 || !"serve".equals(args[0])) {
            return args;
        }
        List<String> rest = new ArrayList<>(Arrays.asList(args).subList(1, args.length));
        boolean portGiven = rest.stream().anyMatch(a -> a.startsWith("--server.port="))
                || System.getenv("LAUNCHCAST_FORECAST_PORT") != null;
        if (!portGiven) {
            rest.add("--server.port=" + System.getenv().getOrDefault("SAGEMAKER_BIND_TO_PORT", "8080"));
        }
        return rest.toArray(String[]::new);
    }
}

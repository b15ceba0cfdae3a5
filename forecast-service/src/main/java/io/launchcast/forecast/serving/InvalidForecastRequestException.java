package io.launchcast.forecast.serving;

import io.launchcast.platform.problem.FieldError;
import java.util.List;

/** A forecast request that fails the serving model's rules, with every bad field. */
public class InvalidForecastRequestException extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidForecastRequestException(List<FieldError> errors) {
        super(errors.size() + " invalid field(s)");
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}

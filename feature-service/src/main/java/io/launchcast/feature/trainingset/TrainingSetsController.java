package io.launchcast.feature.trainingset;

import io.launchcast.feature.sync.UnknownAttributeException;
import io.launchcast.feature.sync.UnknownDatasetVersionException;
import io.launchcast.platform.problem.ProblemTypes;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /training-sets}: builds a point-in-time training set and answers with its manifest (for every
 * launch of a dataset version, the features are computed first under the requested definitions if needed).
 */
@RestController
@RequestMapping("/training-sets")
class TrainingSetsController {

    static final URI NO_FEATURES = URI.create(ProblemTypes.BASE + "no-features");
    static final URI UNKNOWN_VERSION = URI.create(ProblemTypes.BASE + "unknown-dataset-version");
    static final URI UNKNOWN_ATTRIBUTE = URI.create(ProblemTypes.BASE + "unknown-attribute");

    private final TrainingSetBuilder builder;

    TrainingSetsController(TrainingSetBuilder builder) {
        this.builder = builder;
    }

    @PostMapping
    ResponseEntity<TrainingSet> create(@Valid @RequestBody TrainingSetRequest request) {
        TrainingSet set = builder.build(request);
        return ResponseEntity.created(URI.create("/training-sets/" + set.id())).body(set);
    }

    @ExceptionHandler(UnknownDatasetVersionException.class)
    ProblemDetail unknownVersion(UnknownDatasetVersionException e) {
        return ProblemTypes.problem(UNKNOWN_VERSION, HttpStatus.NOT_FOUND, "Unknown dataset version", e.getMessage());
    }

    @ExceptionHandler(UnknownAttributeException.class)
    ProblemDetail unknownAttribute(UnknownAttributeException e) {
        return ProblemTypes.problem(UNKNOWN_ATTRIBUTE, HttpStatus.UNPROCESSABLE_CONTENT, "Unknown attribute",
                e.getMessage());
    }

    @ExceptionHandler(NoFeaturesException.class)
    ProblemDetail noFeatures(NoFeaturesException e) {
        return ProblemTypes.problem(NO_FEATURES, HttpStatus.CONFLICT, "No features yet", e.getMessage());
    }
}

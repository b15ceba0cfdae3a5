package io.launchcast.forecast.pipeline;

import io.launchcast.platform.problem.ProblemTypes;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Start pipeline runs and follow them: status, percent done, per-step state, timings and logs. */
@RestController
@RequestMapping("/pipeline-runs")
class PipelineRunsController {

    static final URI UNKNOWN_RUN = URI.create(ProblemTypes.BASE + "unknown-pipeline-run");
    static final URI UNKNOWN_PIPELINE = URI.create(ProblemTypes.BASE + "unknown-pipeline");
    static final URI INVALID_PARAMETERS = URI.create(ProblemTypes.BASE + "invalid-run-parameters");

    private final PipelineExecutions runner;
    private final List<PipelineDefinition> definitions;

    PipelineRunsController(PipelineExecutions runner, ObjectProvider<PipelineDefinition> definitions) {
        this.runner = runner;
        this.definitions = definitions.orderedStream().toList();
    }

    @PostMapping
    ResponseEntity<PipelineRun> start(@RequestBody(required = false) PipelineRunRequest request) {
        PipelineRunRequest effective = request == null ? new PipelineRunRequest(null, null) : request;
        String name = effective.pipeline() != null ? effective.pipeline()
                : definitions.isEmpty() ? "(none defined)" : definitions.get(0).name();
        PipelineDefinition definition = definitions.stream().filter(d -> d.name().equals(name)).findFirst()
                .orElseThrow(() -> new UnknownPipelineException(name));
        PipelineRun run = runner.start(definition, effective.parameters() == null ? Map.of() : effective.parameters());
        return ResponseEntity.accepted().location(URI.create("/pipeline-runs/" + run.id())).body(run);
    }

    @GetMapping
    List<PipelineRun> list() {
        return runner.runs();
    }

    @GetMapping("/{id}")
    PipelineRun get(@PathVariable String id) {
        return runner.find(id).orElseThrow(() -> new UnknownPipelineRunException(id));
    }

    @ExceptionHandler(UnknownPipelineRunException.class)
    ProblemDetail unknownRun(UnknownPipelineRunException e) {
        ProblemDetail problem = ProblemTypes.problem(UNKNOWN_RUN, HttpStatus.NOT_FOUND, "Unknown pipeline run", e.getMessage());
        problem.setProperty("runId", e.id);
        return problem;
    }

    @ExceptionHandler(InvalidRunParametersException.class)
    ProblemDetail invalidParameters(InvalidRunParametersException e) {
        return ProblemTypes.problem(INVALID_PARAMETERS, HttpStatus.BAD_REQUEST, "Invalid run parameters", e.getMessage());
    }

    @ExceptionHandler(UnknownPipelineException.class)
    ProblemDetail unknownPipeline(UnknownPipelineException e) {
        ProblemDetail problem = ProblemTypes.problem(UNKNOWN_PIPELINE, HttpStatus.BAD_REQUEST, "Unknown pipeline",
                e.getMessage());
        problem.setProperty("known", definitions.stream().map(PipelineDefinition::name).toList());
        return problem;
    }

    /**
     * @param pipeline which pipeline to run (default: the first defined)
     * @param parameters overrides of the pipeline's parameters, e.g. a hyperparameter
     */
    record PipelineRunRequest(String pipeline, Map<String, String> parameters) {
    }

    static final class UnknownPipelineRunException extends RuntimeException {
        final String id;

        UnknownPipelineRunException(String id) {
            super("no pipeline run with id '" + id + "'");
            this.id = id;
        }
    }

    static final class UnknownPipelineException extends RuntimeException {
        UnknownPipelineException(String name) {
            super("no pipeline named '" + name + "'");
        }
    }
}

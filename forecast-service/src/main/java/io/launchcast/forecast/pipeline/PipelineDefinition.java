package io.launchcast.forecast.pipeline;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * A named, ordered list of steps; every dependency must name an earlier step.
 *
 * @param parameters the run parameters the steps read; a run naming another is refused before it starts
 *        ({@link #check}), so a misspelt one is not silently ignored. {@code null}: any (ad-hoc definitions)
 * @param runCheck what else a run's parameters must satisfy to start (throws {@link InvalidRunParametersException});
 *        {@code null}: nothing
 */
public record PipelineDefinition(String name, List<PipelineStep<?>> steps, Set<String> parameters,
                                 Consumer<Map<String, String>> runCheck) {

    /** Why a run started (the retraining trigger's reason): accepted by every pipeline and kept with the run. */
    public static final String TRIGGER = "trigger";

    /** A definition whose steps take any parameters. */
    public PipelineDefinition(String name, List<PipelineStep<?>> steps) {
        this(name, steps, null, null);
    }

    /** A definition whose steps take {@code parameters}, checked by name only. */
    public PipelineDefinition(String name, List<PipelineStep<?>> steps, Set<String> parameters) {
        this(name, steps, parameters, null);
    }

    public PipelineDefinition {
        parameters = parameters == null ? null : Set.copyOf(parameters);
        steps = List.copyOf(steps);
        Set<String> seen = new HashSet<>();
        for (PipelineStep<?> step : steps) {
            for (String dependency : step.dependsOn()) {
                if (!seen.contains(dependency)) {
                    throw new IllegalArgumentException("step '" + step.name() + "' depends on '" + dependency
                            + "', which does not come before it in pipeline '" + name + "'");
                }
            }
            if (!seen.add(step.name())) {
                throw new IllegalArgumentException("pipeline '" + name + "' names step '" + step.name() + "' twice");
            }
        }
    }

    /**
     * Refuses run parameters this pipeline does not read, empty values (which no step can parse), and then whatever
     * {@code runCheck} refuses (a dataset with no version to train on): a run that cannot succeed is refused at the
     * request rather than started to fail in its first step.
     *
     * @throws InvalidRunParametersException naming the parameter and the accepted ones
     */
    public void check(Map<String, String> run) {
        for (Map.Entry<String, String> parameter : run.entrySet()) {
            if (parameter.getValue() == null || parameter.getValue().isBlank()) {
                throw new InvalidRunParametersException("parameter " + parameter.getKey()
                        + " is empty: leave it out to take its default");
            }
            if (parameters != null && !parameters.contains(parameter.getKey()) && !parameter.getKey().equals(TRIGGER)) {
                throw new InvalidRunParametersException("pipeline '" + name + "' takes no parameter " + parameter.getKey()
                        + ": it takes " + String.join(", ", new TreeSet<>(parameters)) + " and " + TRIGGER);
            }
        }
        if (runCheck != null) {
            runCheck.accept(run);
        }
    }
}

package io.launchcast.forecast.pipeline;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A named, ordered list of steps; every dependency must name an earlier step. */
public record PipelineDefinition(String name, List<PipelineStep<?>> steps) {

    public PipelineDefinition {
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
}

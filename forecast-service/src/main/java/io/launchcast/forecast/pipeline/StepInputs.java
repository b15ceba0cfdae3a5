package io.launchcast.forecast.pipeline;

import java.util.List;

/** The outputs of the steps a step depends on, each asked for by its record type. */
public final class StepInputs {

    private final String step;
    private final List<Record> outputs;

    StepInputs(String step, List<Record> outputs) {
        this.step = step;
        this.outputs = List.copyOf(outputs);
    }

    /** For a step run outside a pipeline (a test, a one-off): {@code outputs} are its upstream outputs. */
    public static StepInputs of(String step, Record... outputs) {
        return new StepInputs(step, List.of(outputs));
    }

    /** The output of type {@code type}; refused when no step this one depends on produces it. */
    public <O extends Record> O get(Class<O> type) {
        for (Record output : outputs) {
            if (type.isInstance(output)) {
                return type.cast(output);
            }
        }
        throw new IllegalStateException("step '" + step + "' reads " + type.getSimpleName()
                + " but depends on no step that produces it (it has " + outputs.stream()
                        .map(o -> o.getClass().getSimpleName()).toList() + ")");
    }

}

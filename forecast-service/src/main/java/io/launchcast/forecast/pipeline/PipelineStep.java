package io.launchcast.forecast.pipeline;

import java.util.List;
import java.util.Map;

/**
 * One step of a pipeline. A step is a pure function of its declared inputs: the outputs of the steps it depends
 * on, the parameters it reads, and the code version. That is what makes its output cacheable.
 *
 * @param <O> the step's output: a record of small values (hashes, keys, metrics) that later steps read
 */
public interface PipelineStep<O extends Record> {

    String name();

    /** Names of earlier steps whose outputs this step reads. */
    List<String> dependsOn();

    /** The record this step's {@link #execute} returns, and what later steps ask {@link StepInputs} for. */
    Class<O> outputType();

    /**
     * The parameters and external facts this step's output depends on, as a canonical string (e.g. the
     * hyperparameters it uses, or the content hash of the dataset manifest it reads). Anything not named here
     * or in {@link #dependsOn()} must not change the output.
     */
    String fingerprint(Map<String, String> parameters);

    /**
     * Does the work.
     *
     * @param upstream outputs of the steps named in {@link #dependsOn()}, by their record type
     * @return this step's output; its fields must be scalars (text, numbers, booleans): the run shows them as text
     * @throws StepFailedException when the step decides the run must stop (e.g. a failed quality gate); it is
     *         not retried
     */
    O execute(StepInputs upstream, Map<String, String> parameters, StepLog log) throws Exception;
}

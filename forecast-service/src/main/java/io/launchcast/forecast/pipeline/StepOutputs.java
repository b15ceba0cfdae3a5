package io.launchcast.forecast.pipeline;

import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A step's output record as the run records it (field name to text value, the JSON wire shape of
 * {@link PipelineRun.StepRun#output()} and of the step cache) and back. Numbers are written as Java writes them
 * ({@code Double.toString}), so a record read back from its text is equal to the one written.
 */
final class StepOutputs {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final TypeReference<TreeMap<String, String>> TEXT = new TypeReference<>() {
    };

    private StepOutputs() {
    }

    static Map<String, String> toText(Record output) {
        return MAPPER.convertValue(output, TEXT);
    }

    static <O extends Record> O fromText(Map<String, String> text, Class<O> type) {
        return MAPPER.convertValue(text, type);
    }
}

package io.launchcast.ingestion.mapping;

import java.util.HashMap;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.dataformat.yaml.YAMLFactory;

/**
 * The line of every key and list item of a YAML text, by path ({@code sources[0].sales.units}), so that a
 * problem found after binding (a constraint, a rule spanning several keys) still names the line to fix.
 */
final class YamlLines {

    private final Map<String, Integer> lines = new HashMap<>();

    private YamlLines() {
    }

    /** Indexes {@code text}; a text that is not YAML gives an empty index (the binding reports why). */
    static YamlLines of(String text) {
        YamlLines index = new YamlLines();
        try (JsonParser parser = YAMLFactory.builder().build().createParser(tools.jackson.core.ObjectReadContext.empty(),
                text)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.PROPERTY_NAME || token == JsonToken.START_OBJECT && parser.streamReadContext()
                        .getParent() != null && parser.streamReadContext().getParent().inArray()) {
                    index.lines.putIfAbsent(path(parser.streamReadContext(), token == JsonToken.PROPERTY_NAME),
                            parser.currentLocation().getLineNr());
                }
            }
        } catch (RuntimeException e) {
            // not YAML: binding fails with the parser's own message and line
        }
        return index;
    }

    /** The dotted path of the parser's position ({@code a.b[2].c}). */
    static String path(TokenStreamContext context, boolean includeName) {
        StringBuilder path = new StringBuilder();
        append(path, includeName ? context : context.getParent());
        return path.toString();
    }

    private static void append(StringBuilder path, TokenStreamContext context) {
        if (context == null || context.inRoot()) {
            return;
        }
        append(path, context.getParent());
        if (context.inArray()) {
            path.append('[').append(Math.max(0, context.getCurrentIndex())).append(']');
        } else if (context.inObject() && context.currentName() != null) {
            if (!path.isEmpty()) {
                path.append('.');
            }
            path.append(context.currentName());
        }
    }

    /** The line of {@code path}, or of its nearest enclosing key that exists; 0 when none does. */
    int lineOf(String path) {
        String probe = path;
        while (!probe.isEmpty()) {
            Integer line = lines.get(probe);
            if (line != null) {
                return line;
            }
            int cut = Math.max(probe.lastIndexOf('.'), probe.lastIndexOf('['));
            probe = cut < 0 ? "" : probe.substring(0, cut);
        }
        return 0;
    }

    /** {@code path (line n): message}, or {@code path: message} when the line is unknown. */
    String problem(String path, String message) {
        int line = lineOf(path);
        String where = path.isEmpty() ? "mapping" : path;
        return line > 0 ? where + " (line " + line + "): " + message : where + ": " + message;
    }
}

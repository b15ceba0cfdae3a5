package io.launchcast.ingestion.source;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds the columns a mapping asks for among a source's whatever their case, for sources whose column names are not
 * the mapping author's spelling: databases fold unquoted identifiers to upper (H2, Oracle) or lower case (PostgreSQL),
 * and spreadsheet headers are typed by hand.
 */
final class ColumnsIgnoringCase {

    private ColumnsIgnoringCase() {
    }

    /**
     * The 0-based position among {@code columns} of each of {@code wanted}, in order (the first of equal names).
     *
     * @throws MissingColumnsException naming every wanted column that is not there
     */
    static int[] positions(String source, List<String> columns, List<String> wanted) {
        return positions(source, columns, wanted, java.util.Set.of());
    }

    /** As {@link #positions(String, List, List)}, a column of {@code optional} that is not there at -1. */
    static int[] positions(String source, List<String> columns, List<String> wanted, java.util.Set<String> optional) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            index.putIfAbsent(columns.get(i).toLowerCase(Locale.ROOT), i);
        }
        List<String> missing = wanted.stream().filter(w -> !index.containsKey(w.toLowerCase(Locale.ROOT)))
                .filter(w -> !optional.contains(w)).toList();
        if (!missing.isEmpty()) {
            throw new MissingColumnsException(source, missing);
        }
        return wanted.stream().mapToInt(w -> index.getOrDefault(w.toLowerCase(Locale.ROOT), -1)).toArray();
    }

    /** The columns of {@code wanted} at -1 among {@code positions}: the optional ones the source lacks. */
    static List<String> absent(List<String> wanted, int[] positions) {
        return java.util.stream.IntStream.range(0, positions.length).filter(i -> positions[i] < 0)
                .mapToObj(wanted::get).distinct().toList();
    }
}

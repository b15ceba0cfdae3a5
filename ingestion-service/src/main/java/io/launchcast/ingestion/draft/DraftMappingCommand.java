package io.launchcast.ingestion.draft;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Drafts a data project's {@code mapping.yml} and {@code training.yml} from its files:
 * {@code DraftMappingCommand <folder>}. A file the folder already has is not overwritten: the draft of it is printed
 * instead. What to check first is printed either way.
 */
public final class DraftMappingCommand {

    private DraftMappingCommand() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1 || !Files.isDirectory(Path.of(args[0]))) {
            System.err.println("usage: DraftMappingCommand <folder of raw data files>");
            System.exit(2);
        }
        Path folder = Path.of(args[0]);
        MappingDraft.Draft draft;
        try {
            draft = MappingDraft.of(folder);
        } catch (java.io.IOException | java.io.UncheckedIOException | io.launchcast.ingestion.source.SourceReadException e) {
            // a file that cannot be read, or a link back to a folder that holds it: say which, not a stack trace
            System.err.println("cannot draft a mapping of " + folder + ": " + e.getMessage());
            System.exit(1);
            return;
        }
        write(folder.resolve("mapping.yml"), draft.mapping());
        write(folder.resolve("training.yml"), draft.training());
        draft.notes().forEach(n -> System.out.println("check: " + n));
        System.out.println("next: check every 'guessed' line against docs/mapping.md and docs/model-config.md, then"
                + " forecast-service/accuracy.sh " + folder);
    }

    private static void write(Path file, String text) throws java.io.IOException {
        if (Files.exists(file)) {
            System.out.println(file + " exists, left as it is; the draft would be:\n" + text);
        } else {
            Files.writeString(file, text);
            System.out.println("wrote " + file);
        }
    }
}

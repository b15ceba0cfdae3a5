package io.launchcast.ingestion.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lines found in the bytes are the lines {@link LineReader} finds in the decoded characters. */
class ByteLineReaderTest {

    /** One line as a reader returns it, with what it says about it. */
    record Line(String text, boolean terminated, boolean cut) {
    }

    @Test
    void findsTheLinesTheCharacterReaderFinds() throws IOException {
        String longLine = "x".repeat(70_000) + "é" + "y".repeat(70_000);
        List<String> inputs = List.of("", "a", "a\n", "a\r\n", "a\r\nb", "\n\n", "a\rb\n", "\r", "a\n\r", "a\r\r\n",
                "häagen, crème\nbrûlée", "tab\tand \u00a0nbsp\n", longLine + "\n" + longLine, "€uro\n\uD83D\uDE00\n");
        for (String input : inputs) {
            for (Charset charset : List.of(StandardCharsets.UTF_8, StandardCharsets.ISO_8859_1)) {
                byte[] bytes = input.getBytes(charset);
                assertThat(byteLines(bytes, charset, 1 << 20)).as("%s in %s", input, charset)
                        .isEqualTo(charLines(bytes, charset, 1 << 20));
            }
        }
    }

    @Test
    void decodesMalformedBytesAsReplacementCharactersLikeTheCharacterReader() throws IOException {
        byte[] bytes = {'a', (byte) 0xC3, '\n', (byte) 0xE2, (byte) 0x82, 'b', '\n', (byte) 0xFF, (byte) 0xFE, '\n',
                (byte) 0xF0, (byte) 0x9F};

        assertThat(byteLines(bytes, StandardCharsets.UTF_8, 100)).isEqualTo(charLines(bytes, StandardCharsets.UTF_8, 100));
    }

    @Test
    void cutsOverlongLinesWhereTheCharacterReaderCutsThem() throws IOException {
        byte[] bytes = ("short\n" + "ü".repeat(30) + "\n" + "a".repeat(25) + "\r\nend").getBytes(StandardCharsets.UTF_8);

        List<Line> lines = byteLines(bytes, StandardCharsets.UTF_8, 20);

        assertThat(lines).isEqualTo(charLines(bytes, StandardCharsets.UTF_8, 20));
        assertThat(lines).extracting(Line::cut).containsExactly(false, true, true, false);
    }

    private static List<Line> byteLines(byte[] bytes, Charset charset, int maxChars) throws IOException {
        ByteLineReader reader = new ByteLineReader(new ByteArrayInputStream(bytes), charset, maxChars);
        List<Line> lines = new ArrayList<>();
        String line;
        while ((line = reader.readLine()) != null) {
            lines.add(new Line(line, reader.lastTerminated(), reader.lastCut()));
        }
        return lines;
    }

    private static List<Line> charLines(byte[] bytes, Charset charset, int maxChars) throws IOException {
        LineReader reader = new LineReader(new InputStreamReader(new ByteArrayInputStream(bytes), charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)), maxChars);
        List<Line> lines = new ArrayList<>();
        String line;
        while ((line = reader.readLine()) != null) {
            lines.add(new Line(line, reader.lastTerminated(), reader.lastCut()));
        }
        return lines;
    }
}

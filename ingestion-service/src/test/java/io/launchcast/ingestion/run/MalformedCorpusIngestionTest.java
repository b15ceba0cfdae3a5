package io.launchcast.ingestion.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The malformed-file corpus: every file, whatever is wrong with it, ends in a run summary whose counts reconcile,
 * a quarantine record (line, raw text, reason) for each row not accepted, a failure message about the input (no
 * exception name), and nothing published when the run fails.
 */
class MalformedCorpusIngestionTest extends IngestionTest {

    static final String MAPPING = """
            name: corpus
            version: 1
            period: week
            rejected-share-threshold: 0.9
            attributes:
              colour: string
            sources:
              - name: catalogue
                files: [{match: "products*"}]
                products:
                  product-id: sku
                  launch-date: launched
                  price: price
                  attributes: {colour: colour}
              - name: transactions
                files: [{match: "sales*"}]
                sales: {product-id: sku, date: day, units: qty}
            """;
    static final String HEADER = "sku,launched,price,colour\n";
    static final String GOOD = "A,2024-01-01,10.5,red\nB,2024-01-08,12,blue\n";
    static final String SALES = "sku,day,qty\nA,2024-01-02,3\nB,2024-01-09,4\n";
    static final JsonMapper JSON = JsonMapper.builder().build();


    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Arrays.stream(parts).forEach(out::writeBytes);
        return out.toByteArray();
    }

    static byte[] gzip(byte[] content, boolean truncate) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] all = out.toByteArray();
        return truncate ? Arrays.copyOf(all, all.length / 2) : all;
    }

    static Stream<Arguments> corpus() {
        byte[] junk = new byte[4096];
        new java.util.Random(7).nextBytes(junk);
        return Stream.of(
                Arguments.of("broken quote", "products.csv", utf8(HEADER + GOOD + "C,2024-01-08,5,\"red\n")),
                Arguments.of("wrong types", "products.csv", utf8(HEADER + GOOD + "C,2024-01-08,cheap,red\n")),
                Arguments.of("impossible date", "products.csv", utf8(HEADER + GOOD + "C,2024-02-30,5,red\n")),
                Arguments.of("truncated last line", "products.csv", utf8(HEADER + GOOD + "C,2024-01")),
                Arguments.of("byte order mark", "products.csv", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                        utf8(HEADER + GOOD))),
                Arguments.of("CRLF line ends", "products.csv", utf8((HEADER + GOOD).replace("\n", "\r\n"))),
                Arguments.of("blank lines", "products.csv", utf8(HEADER + "\n" + GOOD + "\n\n")),
                Arguments.of("embedded newline", "products.csv", utf8(HEADER + GOOD + "C,2024-01-08,5,\"re\nd\"\n")),
                Arguments.of("extreme numbers", "products.csv", utf8(HEADER + GOOD + "C,2024-01-08,1e309,red\n"
                        + "D,2024-01-08,99999999999999999999999,red\n")),
                Arguments.of("conflicting duplicate", "products.csv", utf8(HEADER + GOOD + "A,2024-01-01,99,green\n")),
                Arguments.of("identical duplicate", "products.csv", utf8(HEADER + GOOD + "A,2024-01-01,10.5,red\n")),
                Arguments.of("NUL and BEL bytes", "products.csv", utf8(HEADER + GOOD + "C,2024-01-08,5,bl\u0000ue\n"
                        + "D,2024-01-08,5,r\u0007ed\n")),
                Arguments.of("Latin-1 bytes in UTF-8", "products.csv", concat(utf8(HEADER + GOOD),
                        "C,2024-01-08,5,gr\u00fcn\n".getBytes(StandardCharsets.ISO_8859_1))),
                Arguments.of("5 MB field", "products.csv", utf8(HEADER + GOOD + "C,2024-01-08,5," + "x".repeat(5_000_000) + "\n")),
                Arguments.of("header only", "products.csv", utf8(HEADER)),
                Arguments.of("0-byte file", "products.csv", new byte[0]),
                Arguments.of("binary junk", "products.csv", junk),
                Arguments.of("truncated gzip", "products.csv.gz", gzip(utf8(HEADER + GOOD.repeat(2000)), true)),
                Arguments.of("valid gzip", "products.csv.gz", gzip(utf8(HEADER + GOOD), false)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void everyFileEndsInAReconciledSummaryAndQuarantinesWhatItDoesNotAccept(String name, String file, byte[] content) {
        ingestion = new Ingestion(temp, Map.of(), Ingestion.mapping(MAPPING));
        ingestion.store.put("landing/corpus/" + file, content, "text/csv");
        ingestion.store.putText("landing/corpus/sales.csv", SALES);

        IngestionRun run = ingestion.run("corpus", "s3://test-bucket/landing/corpus/");

        assertThat(run.state()).as(name).isIn(RunState.SUCCEEDED, RunState.FAILED);
        IngestionRun.Rows rows = run.rows();
        assertThat(rows.read()).as(name + ": read = accepted + rejected + duplicates")
                .isEqualTo(rows.accepted() + rows.rejected() + rows.duplicates());
        List<JsonNode> quarantined = quarantine(run);
        assertThat((long) quarantined.size()).as(name + ": one quarantine record per row not accepted")
                .isEqualTo(rows.rejected() + rows.duplicates());
        assertThat(quarantined).allSatisfy(q -> {
            assertThat(q.get("line").asLong()).isPositive();
            assertThat(q.has("raw")).isTrue();
            assertThat(q.get("reason").asString()).isNotBlank().doesNotContain("Exception");
        });
        if (run.state() == RunState.FAILED) {
            assertThat(run.error()).as(name).isNotBlank().doesNotContain("Exception").doesNotContain("/tmp/");
            assertThat(ingestion.store.keys("curated/")).as(name + ": a failed run publishes nothing").isEmpty();
            assertThat(ingestion.events.published).isEmpty();
        } else {
            assertThat(ingestion.manifest(run).tables().get("products").rows()).isPositive();
        }
    }

    private List<JsonNode> quarantine(IngestionRun run) {
        if (run.quarantine() == null) {
            return List.of();
        }
        String prefix = run.quarantine().replace("s3://test-bucket/", "");
        return ingestion.store.keys(prefix).stream().filter(k -> k.endsWith(".jsonl"))
                .flatMap(k -> ingestion.store.text(k).lines()).filter(l -> !l.isBlank()).map(JSON::readTree).toList();
    }
}

package io.launchcast.ingestion.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.launchcast.platform.schema.ColumnType;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MappingParserTest {

    @Test
    void readsTheVisuelleSampleMapping() throws Exception {
        Mapping mapping = MappingParser.parse(Files.readString(Path.of("../samples/visuelle/mapping.yml")), "visuelle");

        assertThat(mapping.name()).isEqualTo("visuelle");
        assertThat(mapping.period()).isEqualTo(Period.WEEK);
        assertThat(mapping.attributes()).containsKeys("category", "color", "fabric");
        assertThat(mapping.attributes().get("color").type()).isEqualTo(ColumnType.STRING);
        SourceSpec products = mapping.source("products");
        assertThat(products.files()).extracting(SourceSpec.FileSpec::split).containsExactly("train", "test");
        assertThat(products.sales().wide().columns()).hasSize(12);
        assertThat(products.sales().wide().anchor().column()).isEqualTo("release_date");
        assertThat(products.sales().scale()).isEqualTo(1065.0);
        assertThat(mapping.source("trends").signals().wide().allOtherColumns()).isTrue();
        assertThat(mapping.sha256()).hasSize(64);
    }

    @Test
    void listsEveryProblemWithItsPath() {
        assertThatThrownBy(() -> MappingParser.parse("""
                name: Bad Name
                version: 0
                period: fortnight
                attributes: {colour: colourful}
                sources:
                  - name: s
                    files: [{match: "*.csv"}]
                    format: {delimiter: ";;", compression: zip}
                    sales: {product-id: sku, scale: -1}
                    surprise: true
                """, "test"))
                .isInstanceOfSatisfying(InvalidMappingException.class, e -> assertThat(e.problems()).contains(
                        "name: lower-case letters, digits, '-' and '_' only",
                        "version: a positive integer is required",
                        "period: one of [day, week, month]",
                        "attributes.colour: type must be string, integer, double or date",
                        "sources[0].surprise: unknown key",
                        "sources[0].format.delimiter: one character",
                        "sources[0].format.compression: auto, gzip or none",
                        "sources[0].sales: long sales need date and units; wide sales need wide",
                        "sources[0].sales.scale: must be positive"));
    }

    @Test
    void rejectsAttributesThatAreMappedButNotDeclared() {
        assertThatThrownBy(() -> MappingParser.parse("""
                name: m
                version: 1
                sources:
                  - name: s
                    files: [{match: "*.csv"}]
                    products: {product-id: id, launch-date: d, attributes: {size: size}}
                """, "test"))
                .hasMessageContaining("sources[0].products.attributes.size: attribute is not declared under attributes");
    }

    @Test
    void requiresProductSourcesBeforeTheSalesThatReferToThem() {
        assertThatThrownBy(() -> MappingParser.parse("""
                name: m
                version: 1
                sources:
                  - name: sales
                    files: [{match: "s.csv"}]
                    sales: {product-id: id, date: d, units: u}
                  - name: products
                    files: [{match: "p.csv"}]
                    products: {product-id: id, launch-date: d}
                """, "test"))
                .hasMessageContaining("sources[0]: sales refer to products, so list the products source(s) before it");
    }

    @Test
    void startsWeeksOnMondayAndCountsWidePeriodsFromTheAnchor() {
        assertThat(Period.WEEK.start(java.time.LocalDate.of(2016, 12, 1))).isEqualTo("2016-11-28");
        // every day of an ISO week, across a year boundary, belongs to its Monday
        for (int day = 0; day < 7; day++) {
            assertThat(Period.WEEK.start(java.time.LocalDate.of(2024, 12, 30).plusDays(day))).isEqualTo("2024-12-30");
        }
        assertThat(Period.MONTH.start(java.time.LocalDate.of(2016, 12, 31))).isEqualTo("2016-12-01");
        assertThat(Period.WEEK.plus(java.time.LocalDate.of(2016, 12, 1), 11)).isEqualTo("2017-02-16");
    }
}

package io.launchcast.ingestion.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.launchcast.platform.schema.ColumnType;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MappingReaderTest {

    @Test
    void readsTheVisuelleSampleMapping() throws Exception {
        Mapping mapping = MappingReader.read(Files.readString(Path.of("../samples/visuelle/mapping.yml")), "visuelle");

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
        assertThatThrownBy(() -> MappingReader.read("""
                name: Bad Name
                version: 0
                period: fortnight
                attributes: {colour: colourful}
                sources:
                  - name: s
                    files: [{match: "*.csv"}]
                    format: {delimiter: ";;", compression: bzip2}
                    sales: {product-id: sku, scale: -1}
                    surprise: true
                """, "test"))
                .isInstanceOfSatisfying(InvalidMappingException.class, e -> assertThat(e.problems()).containsExactly(
                        "name (line 1): lower-case letters, digits, '-' and '_' only",
                        "version (line 2): a positive integer is required",
                        "period (line 3): day, week or month",
                        "attributes.colour.type (line 4): string, text, integer, double or date",
                        "sources[0].format.compression (line 8): auto, gzip, zip or none",
                        "sources[0].format.delimiter (line 8): one character",
                        "sources[0].sales (line 9): long sales need date and units; wide sales need wide",
                        "sources[0].sales.scale (line 9): negative for an export of returns only: declare returns: true",
                        "sources[0].surprise (line 10): unknown key"));
    }

    @Test
    void rejectsAttributesThatAreMappedButNotDeclared() {
        assertThatThrownBy(() -> MappingReader.read("""
                name: m
                version: 1
                sources:
                  - name: s
                    files: [{match: "*.csv"}]
                    products: {product-id: id, launch-date: d, attributes: {size: size}}
                """, "test"))
                .hasMessageContaining("sources[0].products.attributes.size (line 6): attribute is not declared under attributes");
    }

    @Test
    void requiresProductSourcesBeforeTheSalesThatReferToThem() {
        assertThatThrownBy(() -> MappingReader.read("""
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
                .hasMessageContaining("sources[0] (line 4): sales refer to products, so list the products source(s) before it");
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

    @Test
    void namesWrongTypesAndImpossibleCombinationsWithTheirLines() {
        assertThatThrownBy(() -> MappingReader.read("""
                name: m
                version: two
                period: {unit: month, first-day: sunday}
                launch: {date: column, left-censoring: {before: 2011-02-01, within-days: 3}}
                sources:
                  - name: s
                    files: [{match: "*.csv"}]
                    format: {multiline: perhaps}
                    exclude: [{rule: fees, value: code, in: [POST], below: 0}]
                    sales: {product-id: {column: code, constant: x}, date: d, units: u}
                """, "test"))
                .isInstanceOfSatisfying(InvalidMappingException.class, e -> assertThat(e.problems()).containsExactly(
                        "version (line 2): 'two' is not an integer",
                        "period (line 3): first-day: only weeks have a first day",
                        "launch.left-censoring (line 4): give exactly one of before or within-days",
                        "launch.left-censoring (line 4): needs date: first-sale (censoring is judged on each"
                                + " product's first sale)",
                        "sources[0].format.multiline (line 8): 'perhaps' is not true or false",
                        "sources[0].exclude[0] (line 9): give exactly one condition: in, matches, at-most, below or empty",
                        "sources[0].sales.product-id (line 10): give exactly one of column, columns or constant"));
    }

    @Test
    void aFieldOfSeveralColumnsFindsALookupKeyedByAsManyAndOnlyColumnsHaveASeparator() {
        assertThatThrownBy(() -> MappingReader.read("""
                name: m
                version: 1
                attributes: {class: string}
                sources:
                  - name: classes
                    files: [{match: "classes.csv"}]
                    lookup: {key: [family, class]}
                  - name: items
                    files: [{match: "items.csv"}]
                    products:
                      product-id: {column: item, separator: "-"}
                      launch-date: {columns: [], constant: "2020-01-01"}
                      attributes:
                        class: {column: class, lookup: {source: classes, column: class_name}}
                """, "test"))
                .isInstanceOfSatisfying(InvalidMappingException.class, e -> assertThat(e.problems()).containsExactly(
                        "sources[1].products.product-id.separator (line 11): joins the values of columns: give columns",
                        "sources[1].products.launch-date (line 12): give exactly one of column, columns or constant",
                        "sources[1].products.launch-date.columns (line 12): name at least one column",
                        "sources[1].products.attributes.class.lookup (line 14): lookup classes is keyed by family, class:"
                                + " the field needs as many columns, in that order (columns: [...]), it reads class"));
    }

    @Test
    void aCountedDateNamesItsUnitAndFirstDateAndIsNotAlsoAPatternAndAPatternGivesADate() {
        assertThatThrownBy(() -> MappingReader.read("""
                name: m
                version: 1
                launch: {date: first-sale}
                sources:
                  - name: s
                    files: [{match: "*.csv"}]
                    sales:
                      product-id: item
                      date: {column: DAY, format: dd.MM.yyyy, counts: {unit: fortnight, from: 2020-01-01}}
                      units: u
                  - name: t
                    files: [{match: "t.csv"}]
                    sales: {product-id: item, date: {column: ts, counts: {unit: second}}, units: u}
                  - name: w
                    files: [{match: "w.csv"}]
                    sales: {product-id: item, date: {column: week, format: ww}, units: u}
                """, "test"))
                .isInstanceOfSatisfying(InvalidMappingException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p).startsWith("sources[2].sales.date.format (line 16): not a date"
                                + " pattern: 'ww' gives no date"))
                        .contains(
                        "sources[0].sales.date.counts.unit (line 9): day, week, month, second or millisecond",
                        "sources[0].sales.date (line 9): give at most one of format (a date pattern) or counts"
                                + " (a number of steps from a date)",
                        "sources[1].sales.date.counts.from (line 13): required: the date of count 0"));
    }

    @Test
    void aNumberNotationIsACsvSourcesOneDecimalMarkAndAnotherBetweenThousands() {
        assertThatThrownBy(() -> MappingReader.read("""
                name: m
                version: 1
                sources:
                  - name: a
                    files: [{match: "a.csv"}]
                    format: {decimal: ";"}
                    sales: {product-id: item, date: day, units: u}
                  - name: b
                    files: [{match: "b.csv"}]
                    format: {decimal: ",", grouping: ","}
                    sales: {product-id: item, date: day, units: u}
                  - name: c
                    files: [{match: "c.xlsx"}]
                    format: {type: excel, decimal: ","}
                    sales: {product-id: item, date: day, units: u}
                  - name: d
                    files: [{match: "d.csv"}]
                    format: {grouping: "1"}
                    sales: {product-id: item, date: day, units: u}
                """, "test"))
                .isInstanceOfSatisfying(InvalidMappingException.class, e -> assertThat(e.problems()).contains(
                        "sources[0].format.decimal (line 6): '.' or ','",
                        "sources[1].format.grouping (line 10): the decimal mark is ',': thousands need another",
                        "sources[2].format.decimal (line 14): a CSV source's only: an Excel workbook writes its"
                                + " numbers with '.' decimals",
                        "sources[3].format.grouping (line 18): one character that is no digit or sign (' ' also"
                                + " reads no-break spaces)"));
    }

    @Test
    void aProductsFirstRowStandsOnlyWhereNoSalesWouldBeLostWithTheOthers() {
        assertThatThrownBy(() -> MappingReader.read("""
                name: m
                version: 1
                sources:
                  - name: s
                    files: [{match: "*.csv"}]
                    products: {product-id: sku, launch-date: launch, repeated: first}
                    sales: {date: day, units: u}
                """, "test"))
                .isInstanceOfSatisfying(InvalidMappingException.class, e -> assertThat(e.problems()).contains(
                        "sources[0].products.repeated (line 6): first needs a source that yields products only; read"
                                + " the sales with a source of their own"));
    }

    @Test
    void everyMappingInTheReferenceIsOneTheReaderAccepts() throws Exception {
        String reference = Files.readString(Path.of("../docs/mapping.md"));
        java.util.regex.Matcher block = java.util.regex.Pattern
                .compile("```yaml\\n(.*?)```", java.util.regex.Pattern.DOTALL).matcher(reference);
        int read = 0;
        while (block.find()) {
            String yaml = block.group(1);
            assertThat(MappingReader.read(yaml, "docs/mapping.md").sources()).as(yaml).isNotEmpty();
            read++;
        }
        assertThat(read).isGreaterThanOrEqualTo(2);
    }

    @Test
    void wideColumnsComeOneWayAndAStepNeedsItsFirstDay() {
        assertThatThrownBy(() -> MappingReader.read("""
                name: m
                version: 1
                launch: {date: first-sale}
                sources:
                  - name: s
                    files: [{match: "*.csv"}]
                    sales:
                      product-id: item
                      wide: {columns: [d_1], columns-matching: "d_([0-9]+", step: day}
                  - name: t
                    files: [{match: "t.csv"}]
                    signals: {date: d, wide: {all-other-columns: true, step: week}}
                """, "test"))
                .isInstanceOfSatisfying(InvalidMappingException.class, e -> assertThat(e.problems()).containsExactly(
                        "sources[0].sales.wide.anchor (line 9): a step dates the columns from the first one's date:"
                                + " give it as a column or a constant (2011-01-29)",
                        "sources[0].sales.wide.columns (line 9): give one of columns, all-other-columns: true or"
                                + " columns-matching",
                        "sources[0].sales.wide.columns-matching (line 9): not a regular expression: Unclosed group",
                        "sources[1].signals.wide.step (line 12): wide signals have one column per term, not per date (step,"
                                + " column-dates)"));
    }

    @Test
    void readsDerivationsLookupsExclusionsAndLaunchRules() {
        Mapping mapping = MappingReader.read("""
                name: shop
                version: 1
                period: {unit: week, first-day: sunday}
                clip-negative-periods: true
                attributes:
                  name: text
                  group: string
                  price_band: double
                launch:
                  date: first-sale
                  left-censoring: {within-days: 62}
                launch-attributes:
                  window: {from: 0, to: 1}
                  price: {median: unit_price}
                  attributes:
                    price_band: {max: unit_price}
                sources:
                  - name: categories
                    files: [{match: "categories.csv"}]
                    lookup: {key: category_id}
                  - name: items
                    files: [{match: "items.csv"}]
                    products:
                      product-id: {column: item_id, case: upper}
                      attributes:
                        name: {column: item_name, collapse-whitespace: true}
                        group: {column: category_id, lookup: {source: categories, column: category_name},
                                split: {separator: " - ", take: 0}}
                  - name: sales
                    files: [{match: "sales-*.csv.gz"}]
                    exclude:
                      - {rule: fees, value: {column: item_id, case: upper}, in: [POST, FEE]}
                      - {rule: free, value: price, at-most: 0}
                    sales:
                      product-id: {column: item_id, case: upper}
                      date: {column: sold_at, format: "yyyy-MM-dd HH:mm:ss"}
                      units: qty
                      returns: true
                      values: {unit_price: price}
                """, "test");

        assertThat(mapping.period().firstDay()).isEqualTo(java.time.DayOfWeek.SUNDAY);
        assertThat(mapping.period().start(java.time.LocalDate.of(2024, 1, 6))).isEqualTo("2023-12-31");
        assertThat(mapping.launch().fromFirstSale()).isTrue();
        assertThat(mapping.launch().censoring().firstLaunchDay(java.time.LocalDate.of(2010, 12, 1)))
                .isEqualTo("2011-02-01");
        assertThat(mapping.attributes().get("name").declaredType()).isEqualTo("TEXT");
        assertThat(mapping.launchAttributes().price()).isEqualTo(new Mapping.Aggregate(Mapping.Function.MEDIAN, "unit_price"));
        assertThat(mapping.launchAttributes().to()).isEqualTo(1);
        assertThat(mapping.source("sales").exclude()).extracting(SourceSpec.ExcludeRule::rule).containsExactly("fees", "free");
        assertThat(mapping.source("items").products().attributes().get("group").lookup().source()).isEqualTo("categories");
        assertThat(mapping.lookupColumns("categories")).containsExactly("category_id", "category_name");
        assertThat(mapping.keepsTransactions()).isTrue();
        assertThat(mapping.productsFromSales()).isFalse();
        assertThat(mapping.clipNegativePeriods()).isTrue();
    }

    @Test
    void aPerUnitAggregateIsANumberOnlyADoubleAttributeTakes() {
        assertThatThrownBy(() -> MappingReader.read("""
                name: m
                version: 1
                attributes: {band: string}
                launch: {date: first-sale}
                launch-attributes: {price: {per-unit: amount}, attributes: {band: {per-unit: amount}}}
                sources:
                  - name: s
                    files: [{match: "*.csv"}]
                    sales: {product-id: sku, date: day, units: qty, values: {amount: net_sales}}
                """, "test"))
                .hasMessageContaining("launch-attributes.attributes.band (line 5): a per-unit is a number: declare the"
                        + " attribute as double")
                .hasMessageNotContaining("launch-attributes.price");
    }

    @Test
    void aDistinctCountIsAnIntegerAndOfRegionsNeedsNoSalesValues() {
        Mapping mapping = MappingReader.read("""
                name: m
                version: 1
                attributes: {stores: integer}
                launch-attributes: {window: {from: 0, to: 11}, attributes: {stores: {distinct: region}}}
                sources:
                  - name: s
                    files: [{match: "*.csv"}]
                    products: {product-id: id, launch-date: d}
                    sales: {region: store, wide: {columns: ["0", "1"]}}
                """, "test");
        assertThat(mapping.launchAttributes().attributes().get("stores").ofRegions()).isTrue();
        assertThat(mapping.keepsTransactions()).as("regions are counted from the sales periods").isFalse();

        assertThatThrownBy(() -> MappingReader.read("""
                name: m
                version: 1
                attributes: {stores: string}
                launch-attributes: {price: {distinct: region}, attributes: {stores: {distinct: region}}}
                sources:
                  - name: s
                    files: [{match: "*.csv"}]
                    products: {product-id: id, launch-date: d}
                    sales: {region: store, wide: {columns: ["0", "1"]}}
                """, "test"))
                .hasMessageContaining("launch-attributes.price (line 4): a price is a number")
                .hasMessageContaining("launch-attributes.attributes.stores (line 4): a distinct count is a number:"
                        + " declare the attribute as integer");
    }

    @Test
    void aHeaderLineIsACsvFilesOrAnExcelSheetsOnly() {
        assertThatThrownBy(() -> MappingReader.read("""
                name: m
                version: 1
                sources:
                  - name: s
                    files: [{match: "*.jsonl"}]
                    format: {type: jsonl, header-line: 3}
                    sales: {product-id: sku, date: day, units: qty}
                """, "test"))
                .hasMessageContaining("sources[0].format.header-line (line 6): a CSV file's or an Excel sheet's only:"
                        + " JSON Lines names its columns itself");
        assertThat(MappingReader.read("""
                name: m
                version: 1
                sources:
                  - name: s
                    files: [{match: "*.csv"}]
                    format: {header-line: 4}
                    sales: {product-id: sku, date: day, units: qty}
                """, "test").source("s").format().headerLine()).isEqualTo(4);
    }

    @Test
    void anArrayIsExplodedIntoRowsOnlyInJsonLines() {
        assertThatThrownBy(() -> MappingReader.read("""
                name: m
                version: 1
                sources:
                  - name: s
                    files: [{match: "*.csv"}]
                    format: {explode: items}
                    sales: {product-id: items.sku, date: day, units: items.qty}
                """, "test"))
                .hasMessageContaining("sources[0].format.explode (line 6): JSON's and Parquet's only: the rows of a csv source"
                        + " are its own");
        assertThat(MappingReader.read("""
                name: m
                version: 1
                sources:
                  - name: s
                    files: [{match: "*.jsonl"}]
                    format: {type: jsonl, explode: order.items}
                    sales: {product-id: order.items.sku, date: order.day, units: order.items.qty}
                """, "test").source("s").format().explode()).isEqualTo("order.items");
    }

    @Test
    void readsTheOnlineRetailSampleMapping() throws Exception {
        Mapping mapping = MappingReader.read(Files.readString(Path.of("../samples/online-retail/mapping.yml")),
                "online-retail");

        assertThat(mapping.productsFromSales()).isTrue();
        assertThat(mapping.launch().censoring()).isNotNull();
        assertThat(mapping.attributes()).containsKey("description");
    }
}

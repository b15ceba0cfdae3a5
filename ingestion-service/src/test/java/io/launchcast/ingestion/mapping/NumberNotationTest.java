package io.launchcast.ingestion.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NumberNotationTest {

    @Test
    void aCurrencySignOrCodeBeforeOrAfterANumberIsNoPartOfItInEveryNotation() {
        NumberNotation german = NumberNotation.of(new SourceSpec.FormatSpec("csv", ";", null, null, null, null, null,
                ",", "."));

        assertThat(NumberNotation.PLAIN.canonical("£2.55")).isEqualTo("2.55");
        assertThat(NumberNotation.PLAIN.canonical("-$5.00")).isEqualTo("-5.00");
        assertThat(NumberNotation.PLAIN.canonical("$ -5")).isEqualTo("-5");
        assertThat(NumberNotation.PLAIN.canonical("12.5\u00a0€")).isEqualTo("12.5");
        assertThat(german.canonical("1.234,50 €")).isEqualTo("1234.50");
        assertThat(german.canonical("€1.234,50-")).isEqualTo("-1234.50");
        // ISO 4217 codes as ERP exports write them
        assertThat(NumberNotation.PLAIN.canonical("12.50 EUR")).isEqualTo("12.50");
        assertThat(NumberNotation.PLAIN.canonical("GBP 2.55")).isEqualTo("2.55");
        assertThat(NumberNotation.PLAIN.canonical("-USD5")).isEqualTo("-5");
        assertThat(german.canonical("1.234,50 CHF")).isEqualTo("1234.50");
        // nothing else is taken off: other letters, or a code or a sign alone, stay what they were
        assertThat(NumberNotation.PLAIN.canonical("12.50 ABC")).isEqualTo("12.50 ABC");
        assertThat(NumberNotation.PLAIN.canonical("EUR")).isEqualTo("EUR");
        assertThat(NumberNotation.PLAIN.canonical("1E10")).isEqualTo("1E10");
        assertThat(NumberNotation.PLAIN.canonical("$")).isEqualTo("$");
        assertThat(german.canonical("€")).isNull();
    }
}

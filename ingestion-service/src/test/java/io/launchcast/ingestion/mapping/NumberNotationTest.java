package io.launchcast.ingestion.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NumberNotationTest {

    @Test
    void aCurrencySignBeforeOrAfterANumberIsNoPartOfItInEveryNotation() {
        NumberNotation german = NumberNotation.of(new SourceSpec.FormatSpec("csv", ";", null, null, null, null, null,
                ",", "."));

        assertThat(NumberNotation.PLAIN.canonical("£2.55")).isEqualTo("2.55");
        assertThat(NumberNotation.PLAIN.canonical("-$5.00")).isEqualTo("-5.00");
        assertThat(NumberNotation.PLAIN.canonical("$ -5")).isEqualTo("-5");
        assertThat(NumberNotation.PLAIN.canonical("12.5\u00a0€")).isEqualTo("12.5");
        assertThat(german.canonical("1.234,50 €")).isEqualTo("1234.50");
        assertThat(german.canonical("€1.234,50-")).isEqualTo("-1234.50");
        // nothing else is taken off: a code or a sign alone stays what it was
        assertThat(NumberNotation.PLAIN.canonical("12.50 EUR")).isEqualTo("12.50 EUR");
        assertThat(NumberNotation.PLAIN.canonical("$")).isEqualTo("$");
        assertThat(german.canonical("€")).isNull();
    }
}

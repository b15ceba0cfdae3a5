package io.launchcast.ingestion.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StringIndexTest {

    @Test
    void numbersKeysInOrderAndFindsExactlyThoseAdded() {
        StringIndex index = new StringIndex();
        // "Aa" and "BB" share a hash code; "" and a non-Latin-1 key are keys like any other
        String[] keys = {"Aa", "BB", "", "雪-1", "SKU000001"};
        for (int i = 0; i < keys.length; i++) {
            assertThat(index.find(keys[i])).isEqualTo(-1);
            assertThat(index.add(keys[i])).isEqualTo(i);
        }
        for (int i = 0; i < keys.length; i++) {
            assertThat(index.find(new String(keys[i].toCharArray()))).isEqualTo(i);
        }
        assertThat(index.find("AaBB")).isEqualTo(-1);
        assertThat(index.find("SKU00000")).isEqualTo(-1);
        assertThat(index.find("SKU0000011")).isEqualTo(-1);
        assertThat(index.size()).isEqualTo(keys.length);
    }

    @Test
    void keepsEveryKeyWhileGrowing() {
        StringIndex index = new StringIndex();
        for (int i = 0; i < 100_000; i++) {
            assertThat(index.add("P" + i)).isEqualTo(i);
        }
        for (int i = 0; i < 100_000; i++) {
            assertThat(index.find("P" + i)).isEqualTo(i);
        }
        assertThat(index.find("P100000")).isEqualTo(-1);
        assertThat(index.find("P-1")).isEqualTo(-1);
    }

    @Test
    void findsAsciiKeysSpelledAsBytesInsideALine() {
        StringIndex index = new StringIndex();
        for (String key : new String[] {"Aa", "BB", "SKU000001", "雪-1"}) {
            index.add(key);
        }
        byte[] line = "1,BB,SKU000001,Aa,AaBB,SKU00000,x".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

        assertThat(index.find(line, 2, 4)).isEqualTo(1);
        assertThat(index.find(line, 5, 14)).isEqualTo(2);
        assertThat(index.find(line, 15, 17)).isEqualTo(0);
        assertThat(index.find(line, 18, 22)).isEqualTo(-1);
        assertThat(index.find(line, 23, 31)).isEqualTo(-1);
        assertThat(index.find(line, 2, 2)).isEqualTo(-1);
    }
}

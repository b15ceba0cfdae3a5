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
}

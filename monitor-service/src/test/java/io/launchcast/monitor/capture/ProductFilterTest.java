package io.launchcast.monitor.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class ProductFilterTest {

    @Test
    void knowsEveryIdAddedAndFewOthersAfterARoundTripThroughText() {
        ProductFilter filter = ProductFilter.sizedFor(50_000);
        for (int i = 0; i < 50_000; i++) {
            filter.add(String.format(Locale.ROOT, "P%07d", i));
        }
        ProductFilter read = ProductFilter.decode(filter.encoded());

        int falsePositives = 0;
        for (int i = 0; i < 50_000; i++) {
            assertThat(read.mightContain(String.format(Locale.ROOT, "P%07d", i))).isTrue();
            falsePositives += read.mightContain(String.format(Locale.ROOT, "Q%07d", i)) ? 1 : 0;
        }
        assertThat(falsePositives).isLessThan(50_000 / 50); // about 1 %, at most 2 %
        assertThat(filter.encoded().length()).isLessThan(50_000 * 10 / 6 + 100); // 10 bits an id, as Base64
    }

    @Test
    void textThatIsNoFilterIsRefusedByName() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ProductFilter.decode("AAAA"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a product filter");
    }

    @Test
    void partitionsSpreadIdsEvenly() {
        int[] counts = new int[16];
        for (int i = 0; i < 160_000; i++) {
            counts[ProductFilter.partition(String.format(Locale.ROOT, "P%07d", i), 16)]++;
        }
        for (int c : counts) {
            assertThat(c).isBetween(9_000, 11_000);
        }
    }
}

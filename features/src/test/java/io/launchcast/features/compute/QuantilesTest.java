package io.launchcast.features.compute;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class QuantilesTest {

    @Test
    void quantilesOfUnsortedValuesEqualThoseOfTheSortedValuesBitForBit() {
        Random random = new Random(7);
        for (int round = 0; round < 2000; round++) {
            int n = 1 + random.nextInt(round < 1000 ? 12 : 400);
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                // ties, zeros of both signs and runs, as cohort levels have
                values[i] = switch (random.nextInt(5)) {
                    case 0 -> 1.0;
                    case 1 -> random.nextBoolean() ? 0.0 : -0.0;
                    default -> random.nextDouble() * 3;
                };
            }
            if (round % 7 == 0) {
                Arrays.sort(values); // already sorted input
            }
            double[] sorted = values.clone();
            Arrays.sort(sorted);

            double[] quartiles = Quantiles.ofUnsorted(values.clone(), 0.25, 0.75, 0.5, 0.0, 1.0);

            assertThat(quartiles).as("n=%d", n).containsExactly(Quantiles.ofSorted(sorted, 0.25),
                    Quantiles.ofSorted(sorted, 0.75), Quantiles.ofSorted(sorted, 0.5), Quantiles.ofSorted(sorted, 0.0),
                    Quantiles.ofSorted(sorted, 1.0));
            for (int i = 0; i < quartiles.length; i++) {
                assertThat(Double.doubleToRawLongBits(quartiles[i])).isEqualTo(Double.doubleToRawLongBits(
                        Quantiles.ofSorted(sorted, new double[] {0.25, 0.75, 0.5, 0.0, 1.0}[i])));
            }
        }
    }
}

package io.launchcast.forecast.accuracy;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchcast.features.compute.LaunchCurve;
import io.launchcast.features.dataset.Product;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LaunchSampleTest {

    /** 10,000 launches over 100 weeks (100 a week), newest first as a history lists them. */
    private static List<LaunchCurve> launches() {
        List<LaunchCurve> out = new ArrayList<>();
        LocalDate first = LocalDate.of(2020, 1, 6);
        for (int week = 99; week >= 0; week--) {
            for (int i = 0; i < 100; i++) {
                Product p = new Product("p" + week + "-" + i, first.plusWeeks(week), null, null, null, Map.of());
                out.add(new LaunchCurve(p, new double[] {1}, new LocalDate[] {p.launchDate().plusWeeks(1)}));
            }
        }
        return out;
    }

    @Test
    void keepsEveryLaunchUpToTheMaximum() {
        List<LaunchCurve> all = launches();

        assertThat(LaunchSample.take(all, all.size(), 42)).isSameAs(all);
        assertThat(LaunchSample.of(all.size(), all.size()).sampled()).isFalse();
        assertThat(LaunchSample.of(all.size(), all.size()).describe("fit")).isEqualTo("all 10000 fit launches");
    }

    @Test
    void aSampleKeepsTheMaximumInTheGivenOrderWithEveryWeekItsShare() {
        List<LaunchCurve> all = launches();

        List<LaunchCurve> sample = LaunchSample.take(all, 1_000, 42);

        assertThat(sample).hasSize(1_000).doesNotHaveDuplicates();
        assertThat(all).containsSubsequence(sample);
        // time-stratified: each week's 100 launches keep exactly a tenth, the newest weeks as much as the oldest
        Map<LocalDate, Long> perWeek = sample.stream().collect(java.util.stream.Collectors.groupingBy(
                c -> c.product().launchDate(), java.util.stream.Collectors.counting()));
        assertThat(perWeek).hasSize(100).allSatisfy((week, n) -> assertThat(n).isEqualTo(10L));
        assertThat(LaunchSample.of(all.size(), 1_000).describe("fit"))
                .isEqualTo("a sample of 1000 of 10000 fit launches (time-stratified, seeded)");
    }

    @Test
    void theSameSeedGivesTheSameSampleWhateverTheOrderAndAnotherSeedAnother() {
        List<LaunchCurve> all = launches();
        List<LaunchCurve> shuffled = new ArrayList<>(all);
        Collections.shuffle(shuffled, new Random(1));

        List<String> sample = ids(LaunchSample.take(all, 500, 42));

        assertThat(ids(LaunchSample.take(shuffled, 500, 42))).containsExactlyInAnyOrderElementsOf(sample);
        assertThat(ids(LaunchSample.take(all, 500, 43))).isNotEqualTo(sample);
    }

    private static List<String> ids(List<LaunchCurve> curves) {
        return curves.stream().map(c -> c.product().id()).toList();
    }
}

package io.launchcast.features.compute;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Snapshot caching stays within memory whatever the size of the history. */
class LaunchHistoryCacheTest {

    @Test
    void smallHistoriesKeepASeasonOfDatesLargeOnesOnlyAFew() {
        assertThat(LaunchHistory.cachedSnapshots(5_577)).isEqualTo(32);
        assertThat(LaunchHistory.cachedSnapshots(40_000)).isEqualTo(8);
        assertThat(LaunchHistory.cachedSnapshots(500_000)).isEqualTo(2);
        assertThat(LaunchHistory.cachedSnapshots(0)).isEqualTo(32);
        // about 200 bytes per launch and snapshot: never much more than 64 MB
        for (int launches : new int[] {1_000, 10_000, 100_000, 160_000}) {
            assertThat(200L * launches * LaunchHistory.cachedSnapshots(launches)).isLessThanOrEqualTo(64_000_000L);
        }
    }

    @Test
    void everyDateAfterTheLastFactSharesWhatWasKnownAndGetsItsOwnAgesExactlyAsIfBuiltForIt() {
        var dataset = SyntheticLaunches.weekly(300, 12, 42);
        LaunchHistory history = LaunchHistory.of(dataset, FeatureDefinitions.forDataset(dataset.manifest(), 12),
                p -> true);
        java.time.LocalDate last = dataset.products().stream().map(p -> p.launchDate())
                .max(java.util.Comparator.naturalOrder()).orElseThrow().plusWeeks(13);

        LaunchHistory.Snapshot first = history.asOf(last.plusDays(1));
        for (int d = 1; d < 40; d++) {
            java.time.LocalDate date = last.plusDays(d);
            LaunchHistory.Snapshot shared = history.asOf(date);
            LaunchHistory.Snapshot own = history.builtAt(date);

            assertThat(shared.past()).as("one knowledge for every later date").isSameAs(first.past());
            assertThat(shared.past()).isEqualTo(own.past());
            assertThat(shared.meanCurve()).containsExactly(own.meanCurve());
            assertThat(shared.cellCounts()).containsExactly(own.cellCounts());
            for (int i = 0; i < own.past().size(); i++) {
                assertThat(shared.ageInPeriods(shared.past().get(i))).isEqualTo(own.ageInPeriods(own.past().get(i)));
            }
            assertThat(shared.group(LaunchHistory.Snapshot.groupKey("colour", "red", null, null)))
                    .isEqualTo(own.group(LaunchHistory.Snapshot.groupKey("colour", "red", null, null)));
        }
    }

    @Test
    void theFirstKnowledgeIsTheFirstDateWhoseSnapshotKnowsALaunch() {
        var dataset = SyntheticLaunches.weekly(300, 12, 42);
        for (FeatureDefinitions.Knowledge knowledge : FeatureDefinitions.Knowledge.values()) {
            LaunchHistory history = LaunchHistory.of(dataset, FeatureDefinitions.forDataset(dataset.manifest(), 12)
                    .withKnowledge(knowledge), p -> true);

            java.time.LocalDate first = history.firstKnowledge();

            assertThat(history.builtAt(first).past()).as(knowledge.name()).isNotEmpty();
            assertThat(history.builtAt(first.minusDays(1)).past()).as(knowledge.name()).isEmpty();
            assertThat(history.builtAt(first.minusYears(1)).past()).as(knowledge.name()).isEmpty();
        }
        assertThat(LaunchHistory.of(dataset, FeatureDefinitions.forDataset(dataset.manifest(), 12), p -> false)
                .firstKnowledge()).isNull();
    }

    @Test
    void aDateWithinTheHistoryKnowsOnlyWhatWasKnownThen() {
        var dataset = SyntheticLaunches.weekly(300, 12, 42);
        LaunchHistory history = LaunchHistory.of(dataset, FeatureDefinitions.forDataset(dataset.manifest(), 12),
                p -> true);
        java.time.LocalDate inside = dataset.products().get(150).launchDate().plusDays(2);

        assertThat(history.asOf(inside).past()).isEqualTo(history.builtAt(inside).past());
        assertThat(history.asOf(inside).past().size()).isLessThan(history.asOf(inside.plusYears(5)).past().size());
    }

    @Test
    void datesThatKnowTheSameLaunchesShareOneIndexOfThem() {
        var dataset = SyntheticLaunches.weekly(300, 12, 42);
        LaunchHistory history = LaunchHistory.of(dataset, FeatureDefinitions.forDataset(dataset.manifest(), 12),
                p -> true);
        java.time.LocalDate last = dataset.products().get(299).launchDate();
        // a week after the last launch every launch has a known period; until its twelfth week ends, the recent
        // ones learn one more period each week: eight states of knowledge of the same launches
        LaunchHistory.Snapshot first = history.asOf(last.plusDays(8));
        for (int week = 1; week < 8; week++) {
            LaunchHistory.Snapshot later = history.asOf(last.plusDays(8).plusWeeks(week));

            assertThat(later.meanCurve()).isNotEqualTo(first.meanCurve());
            assertThat(later.attributeIndex()).isSameAs(first.attributeIndex());
            assertThat(later.past()).isEqualTo(history.builtAt(later.asOf()).past());
        }
        assertThat(history.cachedKnownSets()).isEqualTo(1);
    }

    @Test
    void aLargeHistoryKeepsEveryLaunchDateOfABatchWithoutKeepingEveryLaunchPerDate() {
        var dataset = SyntheticLaunches.weekly(45_000, 12, 7);
        LaunchHistory history = LaunchHistory.of(dataset, FeatureDefinitions.forDataset(dataset.manifest(), 12),
                p -> true);
        java.time.LocalDate next = dataset.products().get(44_999).launchDate().plusWeeks(1);
        // a batch's lines in turn launch on eight dates; each date's knowledge is built once, not once per line
        // (a cache of a few whole snapshots rebuilt a million launches' for every line)
        List<List<PastLaunch>> seen = new java.util.ArrayList<>();
        for (int line = 0; line < 40; line++) {
            List<PastLaunch> past = history.asOf(next.plusWeeks(line % 8)).past();
            if (line < 8) {
                seen.add(past);
            } else {
                assertThat(past).as("line %d", line).isSameAs(seen.get(line % 8));
            }
        }
        assertThat(history.builds()).isEqualTo(8);
        // dates inside the history know other launches each: at most cachedSnapshots() sets of them are kept
        java.time.LocalDate from = dataset.products().get(0).launchDate();
        for (int d = 0; d < 40; d++) {
            history.asOf(from.plusDays(30L * d + 1));
            assertThat(history.cachedKnownSets()).isLessThanOrEqualTo(history.cachedSnapshots());
        }
    }
}

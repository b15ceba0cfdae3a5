package io.launchcast.features.compute;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

/**
 * The nearest launches by word sets are exactly those a full sort of every launch's similarity puts first, and
 * similarities added to scores launch by launch are those of the whole array.
 */
class TextIndexNearestTest {

    @RepeatedTest(40)
    void theNearestAreTheFirstOfAFullSortTiesGoingToTheMoreRecent(RepetitionInfo repetition) {
        Random random = new Random(repetition.getCurrentRepetition());
        // a small vocabulary and short texts: many launches share words and many similarities are equal
        int vocabulary = 5 + random.nextInt(40);
        int launches = 1 + random.nextInt(3000);
        Map<String, Integer> idOf = new HashMap<>();
        String[] word = new String[vocabulary];
        for (int w = 0; w < vocabulary; w++) {
            word[w] = "w" + w;
            idOf.put(word[w], w);
        }
        int[][] ofLaunch = new int[launches][];
        for (int i = 0; i < launches; i++) {
            ofLaunch[i] = distinctWords(random, vocabulary).stream().mapToInt(Integer::intValue).toArray();
        }
        TextIndex index = TextIndex.of(new LaunchHistory.Words(idOf, word, ofLaunch),
                IntStream.range(0, launches).toArray());

        for (int query = 0; query < 20; query++) {
            List<String> words = distinctWords(random, vocabulary).stream().map(w -> word[w]).toList();
            int limit = random.nextInt(60);
            double[] similarity = index.similarities(words);
            List<Integer> sharing = IntStream.range(0, launches).filter(i -> similarity[i] > 0).boxed()
                    .sorted(Comparator.<Integer>comparingDouble(i -> -similarity[i]).thenComparing(i -> i)).toList();
            List<Integer> expected = sharing.subList(0, Math.min(limit, sharing.size()));

            // added to scores, launches sharing a word only: the same sums as the whole array times a weight
            double[] scores = IntStream.range(0, launches).mapToDouble(i -> i % 3).toArray();
            double[] expectedScores = scores.clone();
            for (int i = 0; i < launches; i++) {
                expectedScores[i] += 0.75 * similarity[i];
            }
            index.addSimilarities(words, 0.75, scores);
            assertThat(scores).containsExactly(expectedScores);

            // with the launches counted by pairs (the cut), and without (a text too long for the pair counts)
            for (long maxPairs : new long[] {TextIndex.MAX_PAIRS, 0}) {
                TextIndex.Nearest nearest = index.nearest(words, limit, maxPairs);

                assertThat(nearest.sharing()).isEqualTo(sharing.size());
                assertThat(IntStream.of(nearest.launches()).boxed().toList()).isEqualTo(expected);
                assertThat(nearest.similarities()).containsExactly(expected.stream().mapToDouble(i -> similarity[i])
                        .toArray());
            }
        }
    }

    /** One to six distinct words, the first ones of the vocabulary far more often (as "set" or "red" are). */
    private static List<Integer> distinctWords(Random random, int vocabulary) {
        LinkedHashSet<Integer> words = new LinkedHashSet<>();
        int count = 1 + random.nextInt(6);
        while (words.size() < Math.min(count, vocabulary)) {
            words.add((int) Math.min(vocabulary - 1, Math.floor(Math.pow(random.nextDouble(), 3) * vocabulary)));
        }
        return new ArrayList<>(words);
    }
}

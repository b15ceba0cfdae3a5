package io.launchcast.feature.bench;

import io.launchcast.feature.group.FeatureRecord;
import io.launchcast.feature.online.local.MvStoreOnlineStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import tools.jackson.databind.json.JsonMapper;

/**
 * In-process latency of the online store's batch get (a benchmark, not a test): fills a store with
 * {@code records} records of {@code features} numeric features, then times {@code rounds} batch gets of 1,000
 * random ids and prints p50, p99 and max. Run with {@code feature-service/bench.sh}.
 */
public final class OnlineStoreBench {

    private OnlineStoreBench() {
    }

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 5577;
        int features = args.length > 1 ? Integer.parseInt(args[1]) : 120;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        Path dir = Files.createTempDirectory("online-bench-");
        try (MvStoreOnlineStore store = new MvStoreOnlineStore(dir.resolve("online.mv.db"), JsonMapper.builder().build())) {
            List<FeatureRecord> all = new ArrayList<>();
            Random random = new Random(42);
            for (int r = 0; r < records; r++) {
                Map<String, Object> values = new LinkedHashMap<>();
                for (int f = 0; f < features; f++) {
                    values.put("cohort.feature_" + f, random.nextDouble() * 100);
                }
                all.add(new FeatureRecord(Integer.toString(r), Instant.parse("2019-01-01T00:00:00Z"), values));
            }
            long t0 = System.nanoTime();
            store.put("bench", all);
            System.out.printf("wrote %d records x %d features in %.2f s%n", records, features, (System.nanoTime() - t0) / 1e9);
            long[] nanos = new long[rounds];
            for (int i = -200; i < rounds; i++) { // the first 200 warm the JIT up
                List<String> ids = new ArrayList<>(1000);
                for (int k = 0; k < 1000; k++) {
                    ids.add(Integer.toString(random.nextInt(records)));
                }
                long start = System.nanoTime();
                int found = store.getAllAsJson("bench", ids).size();
                long took = System.nanoTime() - start;
                if (found == 0) {
                    throw new IllegalStateException("batch get found nothing");
                }
                if (i >= 0) {
                    nanos[i] = took;
                }
            }
            Arrays.sort(nanos);
            System.out.printf("in-process batch get of 1,000 records (%d rounds): p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                    rounds, nanos[rounds / 2] / 1e6, nanos[(int) (rounds * 0.99)] / 1e6, nanos[rounds - 1] / 1e6);
        }
    }
}

package io.launchcast.forecast.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchcast.localcloud.LocalCloudExtension;
import io.launchcast.platform.objectstore.ObjectStore;
import io.launchcast.platform.objectstore.ObjectSummary;
import io.launchcast.platform.testing.LocalObjectStores;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Captured records older than the retention go; newer ones, and anything outside the layout, stay. */
@ExtendWith(LocalCloudExtension.class)
class CaptureRetentionIT {

    private final ObjectStore s3 = LocalObjectStores.onLocalCloud();
    private final String endpoint = "retention-" + UUID.randomUUID();
    private final String prefix = "capture/" + endpoint + "/AllTraffic/";
    private final Clock now = Clock.fixed(Instant.parse("2026-11-25T10:30:00Z"), ZoneOffset.UTC);

    private void put(String relativeKey) {
        s3.put(prefix + relativeKey, "{}\n".getBytes(StandardCharsets.UTF_8), "application/jsonlines");
    }

    private List<String> left() {
        return s3.list(prefix).stream().map(ObjectSummary::key).map(k -> k.substring(prefix.length())).sorted()
                .toList();
    }

    private CaptureProperties keepingFor(Duration retention) {
        return new CaptureProperties(100, endpoint, 10, Duration.ofSeconds(1), 10, retention);
    }

    @Test
    void deletesWholeHoursPastTheRetentionAndKeepsTheRest() {
        put("2026/10/01/07/1.jsonl");        // 55 days old
        put("2026/11/18/09/2.jsonl");        // its hour ended at 10:00, 7 days ago: past a 7-day cutoff of 10:30
        put("2026/11/18/10/3.jsonl");        // its hour ends at 11:00, after the cutoff: kept
        put("2026/11/25/10/4.jsonl");        // this hour
        put("notes.txt");                    // not the layout: never deleted
        put("2026/13/01/00/5.jsonl");        // no such month: never deleted

        int deleted = new CaptureRetention(s3, keepingFor(Duration.ofDays(7)), now).sweep();

        assertThat(deleted).isEqualTo(2);
        assertThat(left()).containsExactly("2026/11/18/10/3.jsonl", "2026/11/25/10/4.jsonl", "2026/13/01/00/5.jsonl",
                "notes.txt");
    }

    @Test
    void aRetentionOfZeroKeepsEverything() {
        put("2020/01/01/00/old.jsonl");

        assertThat(new CaptureRetention(s3, keepingFor(Duration.ZERO), now).sweep()).isZero();
        assertThat(left()).containsExactly("2020/01/01/00/old.jsonl");
    }
}

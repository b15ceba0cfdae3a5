package io.launchcast.platform.objectstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ObjectKeysTest {

    @ParameterizedTest
    @ValueSource(strings = {"s3://launchcast/../../etc/passwd", "s3://launchcast/%2e%2e/%2E%2E/etc/passwd",
            "s3://launchcast/a/./b", "s3://launchcast/landing/..", "s3://other/x", "s3://launchcast/a%00b"})
    void aKeyThatLeavesItsPrefixOrIsNotOfThisBucketIsRefused(String uri) {
        assertThatThrownBy(() -> ObjectKeys.keyOf(URI.create(uri), "launchcast"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anOverlongKeyIsRefusedWithoutQuotingItWhole() {
        String key = "k".repeat(5000);

        assertThatThrownBy(() -> ObjectKeys.keyOf(URI.create("s3://launchcast/" + key), "launchcast"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5000 bytes")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(400));
    }

    @Test
    void anOrdinaryKeyPassesDecoded() {
        assertThat(ObjectKeys.keyOf(URI.create("s3://launchcast/landing/sales%202024..csv"), "launchcast"))
                .isEqualTo("landing/sales 2024..csv");
    }
}

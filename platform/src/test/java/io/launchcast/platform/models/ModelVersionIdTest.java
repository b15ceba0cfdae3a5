package io.launchcast.platform.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ModelVersionIdTest {

    @Test
    void readsWhatItWrites() {
        ModelVersionId id = new ModelVersionId("launch-demand", 2);

        assertThat(id.toString()).isEqualTo("launch-demand/2");
        assertThat(ModelVersionId.parse("launch-demand/2")).contains(id);
    }

    @Test
    void anythingElseIsNoModelVersion() {
        assertThat(ModelVersionId.parse(null)).isEmpty();
        assertThat(ModelVersionId.parse("2")).isEmpty();
        assertThat(ModelVersionId.parse("launch-demand/")).isEmpty();
        assertThat(ModelVersionId.parse("/2")).isEmpty();
        assertThat(ModelVersionId.parse("launch-demand/two")).isEmpty();
        assertThat(ModelVersionId.parse("launch-demand/0")).isEmpty();
        assertThatThrownBy(() -> new ModelVersionId("a/b", 1)).isInstanceOf(IllegalArgumentException.class);
    }
}

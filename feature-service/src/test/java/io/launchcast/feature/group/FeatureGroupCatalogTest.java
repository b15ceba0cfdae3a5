package io.launchcast.feature.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FeatureGroupCatalogTest {

    @Test
    void theBundledCatalogDeclaresEveryGroupWithItsPrefixes() {
        FeatureGroupCatalog catalog = FeatureGroupCatalog.load();

        assertThat(catalog.recordIdentifierName()).isEqualTo("product_id");
        assertThat(catalog.groups()).extracting(FeatureGroupCatalog.GroupDeclaration::name)
                .containsExactly("product-attributes", "launch-calendar", "cohort-aggregates", "launch-signals");
        assertThat(catalog.group("cohort-aggregates").orElseThrow().owns("text.description.word_level")).isTrue();
    }

    @Test
    void anUnknownKeyIsAnErrorNamingIt() {
        String yaml = """
                version: "1"
                recordIdentifierName: product_id
                eventTimeName: event_time
                groups:
                  - name: g
                    prefix: ["a."]
                """;

        assertThatThrownBy(() -> FeatureGroupCatalog.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("\"prefix\"").hasMessageContaining("near line");
    }
}

package io.launchcast.ingestion.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchcast.ingestion.mapping.MappingRepository;
import io.launchcast.platform.events.ObjectCreated;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which landing objects start a run, and which are acknowledged and left alone. */
class LandingObjectHandlerTest extends IngestionTest {

    LandingObjectHandler handler;

    @BeforeEach
    void setUp() {
        var mapping = Ingestion.mapping(DirtyInputIngestionTest.MAPPING);
        ingestion = new Ingestion(temp, Map.of(), mapping);
        handler = new LandingObjectHandler(ingestion.service, MappingRepository.of(mapping));
    }

    static ObjectCreated created(String key) {
        return new ObjectCreated("e-" + key, Instant.now(), "test-bucket", key, 1, "etag");
    }

    @Test
    void waitsUntilEveryRequiredSourceOfTheDropHasArrived() throws Exception {
        ingestion.store.putText("landing/shop/d1/products.csv", "sku,launched,market,price,colour,weight\nA,2024-01-01,eu,1,red,1\n");
        handler.handle(created("landing/shop/d1/products.csv"));
        assertThat(ingestion.runs.all()).isEmpty();

        ingestion.store.putText("landing/shop/d1/sales.csv", "tx;sku;market;day;qty\n1;A;eu;01.01.2024;3\n");
        handler.handle(created("landing/shop/d1/sales.csv"));

        assertThat(ingestion.runs.all()).singleElement().satisfies(run -> {
            assertThat(run.trigger()).isEqualTo("landing:landing/shop/d1/sales.csv");
            assertThat(run.inputs()).containsExactly("s3://test-bucket/landing/shop/d1/products.csv",
                    "s3://test-bucket/landing/shop/d1/sales.csv");
        });
    }

    @Test
    void ignoresObjectsOutsideLandingOrOfUnknownMappings() {
        handler.handle(created("curated/shop/v=1/_manifest.json"));
        handler.handle(created("landing/unknown/products.csv"));
        handler.handle(created("landing/top-level.csv"));

        assertThat(ingestion.runs.all()).isEmpty();
    }

    @Test
    void ignoresObjectsNoSourceMatches() {
        ingestion.store.putText("landing/shop/d2/products.csv", "sku,launched,market,price,colour,weight\n");
        ingestion.store.putText("landing/shop/d2/sales.csv", "tx;sku;market;day;qty\n");
        ingestion.store.putText("landing/shop/d2/README.txt", "notes");

        handler.handle(created("landing/shop/d2/README.txt"));

        assertThat(ingestion.runs.all()).isEmpty();
    }
}

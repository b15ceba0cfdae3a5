package io.launchcast.ingestion.draft;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.launchcast.ingestion.testing.InMemoryObjectStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Files already in the object store get a draft mapping without a local folder: of each group of daily files only
 * the first, middle and last are sampled, and the copies are gone afterwards.
 */
@WebMvcTest(MappingDraftController.class)
@Import(MappingDraftControllerTest.Store.class)
class MappingDraftControllerTest {

    @TestConfiguration
    static class Store {
        @Bean
        InMemoryObjectStore objectStore() {
            InMemoryObjectStore store = new InMemoryObjectStore();
            for (int day = 1; day <= 9; day++) {
                store.putText("uploads/shop/by-day/2024-01-0" + day + ".csv", "sku,day,qty,store\n"
                        + "A" + day % 3 + ",2024-01-0" + day + "," + day + ",north\n"
                        + "B" + day % 2 + ",2024-01-0" + day + ",1,south\n");
            }
            store.putText("uploads/shop/README.md", "not data");
            // one log of a year sorted by date, 2,000 rows a day: 13 MB
            StringBuilder log = new StringBuilder("date,sku,quantity\n");
            java.time.LocalDate first = java.time.LocalDate.of(2021, 1, 1);
            for (int row = 0; row < 2000 * 365; row++) {
                log.append(first.plusDays(row / 2000)).append(",P").append(row % 97).append(',').append(1 + row % 3)
                        .append('\n');
            }
            store.putText("uploads/one-log/sales.csv", log.toString());
            store.putText("uploads/broken/items.parquet", "not parquet");
            return store;
        }
    }

    @Autowired
    MockMvc mvc;

    @Test
    void aDraftOfUploadedFilesSamplesEachGroupsFirstMiddleAndLastObject() throws Exception {
        long copiesBefore = copies();

        mvc.perform(post("/mapping-drafts").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"uris\": [\"s3://test-bucket/uploads/shop/\"]}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.mapping").value(containsString("name: shop")))
                .andExpect(jsonPath("$.mapping").value(containsString("files: [{match: \"*.csv\"}]")))
                .andExpect(jsonPath("$.mapping").value(containsString("product-id: sku")))
                .andExpect(jsonPath("$.mapping").value(containsString("units: qty")))
                .andExpect(jsonPath("$.mapping").value(containsString("region: store")))
                .andExpect(jsonPath("$.training").value(containsString("cutoff: 2024-01-01")))
                .andExpect(jsonPath("$.notes.length()").value(0))
                .andExpect(jsonPath("$.sampled.length()").value(3))
                .andExpect(jsonPath("$.sampled[1]").value("uploads/shop/by-day/2024-01-05.csv"));

        org.assertj.core.api.Assertions.assertThat(copies()).as("temporary copies left behind").isEqualTo(copiesBefore);
    }

    @Test
    void aLargeUploadedLogIsReadByItsStartAndItsEndNotCopiedWhole(@Autowired InMemoryObjectStore store)
            throws Exception {
        long size = store.read("uploads/one-log/sales.csv").length;
        long servedBefore = store.bytesServed();

        // the cutoff 70 % through the dates sampled at its start and its end (December): it is read at both
        mvc.perform(post("/mapping-drafts").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"uris\": [\"s3://test-bucket/uploads/one-log/\"]}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.mapping").value(containsString("units: quantity")))
                .andExpect(jsonPath("$.training").value(containsString("cutoff: 2021-09-06")));

        org.assertj.core.api.Assertions.assertThat(store.bytesServed() - servedBefore)
                .isEqualTo(MappingDraftController.HEAD_BYTES + DraftFiles.END_BYTES).isLessThan(size / 2);
    }

    @Test
    void aUriThatNamesNothingIsAProblem() throws Exception {
        mvc.perform(post("/mapping-drafts").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"uris\": [\"s3://test-bucket/uploads/nothing/\"], \"name\": \"x\"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.detail").value(containsString("nothing is stored at s3://test-bucket/uploads/nothing/")));
    }

    @Test
    void aFileTheDraftCannotReadIsAProblemNamingIt() throws Exception {
        mvc.perform(post("/mapping-drafts").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"uris\": [\"s3://test-bucket/uploads/broken/\"]}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.detail").value(containsString("cannot read items.parquet as Parquet")));
    }

    private static long copies() throws Exception {
        try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(f -> f.getFileName().toString().startsWith("launchcast-draft-")).count();
        }
    }
}

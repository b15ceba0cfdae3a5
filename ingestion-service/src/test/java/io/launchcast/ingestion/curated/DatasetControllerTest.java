package io.launchcast.ingestion.curated;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.launchcast.platform.datasets.DatasetVersions;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The datasets API answers from manifests, and with problems (the service's advice) for what does not exist. */
@WebMvcTest(DatasetController.class)
class DatasetControllerTest {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    DatasetRepository datasets;
    @MockitoBean
    DatasetVersions versions;

    @Test
    void listsDatasetsWithTheirLatestVersion() throws Exception {
        when(datasets.datasets()).thenReturn(List.of("visuelle"));
        when(datasets.versions("visuelle")).thenReturn(List.of("20240101T000000Z-aaaaaaaaaaaa", "20240202T000000Z-bbbbbbbbbbbb"));
        when(versions.usable("visuelle")).thenReturn(List.of("20240101T000000Z-aaaaaaaaaaaa", "20240202T000000Z-bbbbbbbbbbbb"));

        mvc.perform(get("/datasets")).andExpect(status().isOk())
                .andExpect(jsonPath("$[0].name").value("visuelle"))
                .andExpect(jsonPath("$[0].latest").value("20240202T000000Z-bbbbbbbbbbbb"));
    }

    @Test
    void aWithdrawnVersionIsListedAsSuchAndIsNotTheLatest() throws Exception {
        when(datasets.datasets()).thenReturn(List.of("visuelle"));
        when(datasets.versions("visuelle")).thenReturn(List.of("20240101T000000Z-aaaaaaaaaaaa", "20240202T000000Z-bbbbbbbbbbbb"));
        when(versions.usable("visuelle")).thenReturn(List.of("20240101T000000Z-aaaaaaaaaaaa"));

        mvc.perform(get("/datasets/visuelle")).andExpect(status().isOk())
                .andExpect(jsonPath("$.latest").value("20240101T000000Z-aaaaaaaaaaaa"))
                .andExpect(jsonPath("$.withdrawn[0]").value("20240202T000000Z-bbbbbbbbbbbb"));
    }

    @Test
    void withdrawingRecordsTheReasonAndAnUnknownVersionIsANotFoundProblem() throws Exception {
        when(versions.withdraw(eq("visuelle"), eq("v2"), eq("prices off by 100x"), any(), any()))
                .thenReturn(new DatasetVersions.Withdrawal("visuelle", "v2", "prices off by 100x", "anonymous",
                        Instant.parse("2026-12-04T00:00:00Z")));
        when(versions.withdraw(eq("visuelle"), eq("v9"), any(), any(), any()))
                .thenThrow(new NoSuchElementException("no published version v9"));

        mvc.perform(delete("/datasets/visuelle/versions/v2").param("reason", "prices off by 100x"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.reason").value("prices off by 100x"));
        mvc.perform(delete("/datasets/visuelle/versions/v9")).andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(delete("/datasets/visuelle/versions/..%2F..")).andExpect(status().is4xxClientError());
    }

    @Test
    void servesTheManifestAsStored() throws Exception {
        when(datasets.manifestBytes("visuelle", "v1")).thenReturn(Optional.of("{\"dataset\":\"visuelle\"}".getBytes()));

        mvc.perform(get("/datasets/visuelle/versions/v1")).andExpect(status().isOk())
                .andExpect(content().contentType(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.dataset").value("visuelle"));
    }

    @Test
    void answersAnUnknownVersionWithANotFoundProblem() throws Exception {
        when(datasets.manifestBytes("visuelle", "v9")).thenReturn(Optional.empty());

        mvc.perform(get("/datasets/visuelle/versions/v9")).andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://launchcast.io/problems/not-found"))
                .andExpect(jsonPath("$.version").value("v9"));
    }
}

package io.launchcast.ingestion.curated;

import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
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

    @Test
    void listsDatasetsWithTheirLatestVersion() throws Exception {
        when(datasets.datasets()).thenReturn(List.of("visuelle"));
        when(datasets.versions("visuelle")).thenReturn(List.of("20240101T000000Z-aaaaaaaaaaaa", "20240202T000000Z-bbbbbbbbbbbb"));

        mvc.perform(get("/datasets")).andExpect(status().isOk())
                .andExpect(jsonPath("$[0].name").value("visuelle"))
                .andExpect(jsonPath("$[0].latest").value("20240202T000000Z-bbbbbbbbbbbb"));
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

package io.launchcast.ingestion.curated;

import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /datasets}: published datasets, their versions and manifests. */
@RestController
@RequestMapping("/datasets")
class DatasetController {

    private final DatasetRepository datasets;

    DatasetController(DatasetRepository datasets) {
        this.datasets = datasets;
    }

    /** A dataset and its versions, oldest first. */
    record Dataset(String name, List<String> versions, String latest) {
    }

    @GetMapping
    List<Dataset> list() {
        return datasets.datasets().stream().map(this::dataset).toList();
    }

    @GetMapping("/{name}")
    Dataset get(@PathVariable String name) {
        Dataset dataset = dataset(name);
        if (dataset.versions().isEmpty()) {
            throw new UnknownDatasetException(name, null);
        }
        return dataset;
    }

    /** The manifest, exactly as stored. */
    @GetMapping("/{name}/versions/{version}")
    ResponseEntity<byte[]> manifest(@PathVariable String name, @PathVariable String version) {
        if (!name.matches("[a-z0-9][a-z0-9_-]{0,62}") || !version.matches("[A-Za-z0-9-]{1,64}")) {
            throw new UnknownDatasetException(name, version);
        }
        byte[] manifest = datasets.manifestBytes(name, version)
                .orElseThrow(() -> new UnknownDatasetException(name, version));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(manifest);
    }

    private Dataset dataset(String name) {
        List<String> versions = datasets.versions(name);
        return new Dataset(name, versions, versions.isEmpty() ? null : versions.get(versions.size() - 1));
    }
}

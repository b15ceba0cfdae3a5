package io.launchcast.ingestion.mapping;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /mappings}: add a mapping (validated first: an invalid one is refused with every problem), list the
 * mappings in use and the files that were set aside.
 */
@RestController
@RequestMapping("/mappings")
class MappingController {

    private final MappingRepository mappings;

    MappingController(MappingRepository mappings) {
        this.mappings = mappings;
    }

    /** Adds (or upgrades) a mapping from its YAML text; answers 201 with its summary. */
    @PutMapping(path = "/{name}", consumes = {"application/yaml", "application/x-yaml", "text/yaml",
            MediaType.TEXT_PLAIN_VALUE, MediaType.APPLICATION_OCTET_STREAM_VALUE})
    ResponseEntity<MappingSummary> put(@PathVariable String name, @RequestBody String yaml) {
        mappings.add(name, yaml);
        return ResponseEntity.created(URI.create("/mappings/" + name)).body(MappingSummary.of(mappings.get(name)));
    }

    @GetMapping
    Map<String, Object> list() {
        return Map.of("mappings", mappings.all().stream().map(MappingSummary::of).toList(),
                "invalid", mappings.invalid());
    }

    @GetMapping("/{name}")
    MappingSummary get(@PathVariable String name) {
        return MappingSummary.of(mappings.get(name));
    }

    /** What a client needs to know of a mapping in use. */
    record MappingSummary(String name, int version, String dataset, String period, String sha256,
            List<String> sources, List<String> attributes) {

        static MappingSummary of(Mapping m) {
            return new MappingSummary(m.name(), m.version(), m.dataset(), m.period().id(), m.sha256(),
                    m.sources().stream().map(SourceSpec::name).toList(), List.copyOf(m.attributes().keySet()));
        }
    }
}

package io.launchcast.ingestion.mapping;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The mappings the service knows, loaded once at start-up from the configured locations (Spring resource
 * patterns such as {@code file:samples/*}{@code /mapping.yml}). An invalid mapping stops the start-up: a
 * service that silently ignored one would mis-ingest its source later.
 */
public class MappingRepository {

    private static final Logger log = LoggerFactory.getLogger(MappingRepository.class);

    private final Map<String, Mapping> byName = new TreeMap<>();

    public MappingRepository(List<String> locations) {
        var resolver = new PathMatchingResourcePatternResolver();
        for (String location : locations) {
            Resource[] resources;
            try {
                resources = resolver.getResources(location);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list mappings at " + location, e);
            }
            for (Resource resource : resources) {
                if (!resource.exists()) {
                    continue;
                }
                add(read(resource));
            }
        }
        log.info("mappings loaded: {}", byName.keySet());
    }

    /** A repository of the given mappings (tests, tools). */
    public static MappingRepository of(Mapping... mappings) {
        MappingRepository repository = new MappingRepository(List.of());
        for (Mapping mapping : mappings) {
            repository.add(mapping);
        }
        return repository;
    }

    private void add(Mapping mapping) {
        Mapping known = byName.get(mapping.name());
        if (known != null && known.version() == mapping.version() && !known.sha256().equals(mapping.sha256())) {
            throw new InvalidMappingException(mapping.name(), List.of("two different files claim version "
                    + mapping.version()));
        }
        // several versions of one mapping may be deployed side by side; the highest one is used
        if (known == null || known.version() < mapping.version()) {
            byName.put(mapping.name(), mapping);
        }
    }

    private static Mapping read(Resource resource) {
        try (InputStream in = resource.getInputStream()) {
            return MappingParser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource.getDescription());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read mapping " + resource.getDescription(), e);
        }
    }

    /**
     * The current version of a mapping.
     *
     * @throws UnknownMappingException if none has that name
     */
    public Mapping get(String name) {
        Mapping mapping = byName.get(name);
        if (mapping == null) {
            throw new UnknownMappingException(name);
        }
        return mapping;
    }

    public boolean contains(String name) {
        return byName.containsKey(name);
    }

    public Collection<Mapping> all() {
        return byName.values();
    }
}

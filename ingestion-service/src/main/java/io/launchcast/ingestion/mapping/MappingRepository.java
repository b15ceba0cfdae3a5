package io.launchcast.ingestion.mapping;

import io.launchcast.platform.objectstore.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The mappings the service knows: the files of the configured locations (Spring resource patterns such as
 * {@code file:samples/*}{@code /mapping.yml}, or a mappings folder {@code file:mappings/*.yml}) read at start-up,
 * and the mappings added since with {@code PUT /mappings/{name}}, kept in the object store under
 * {@code mappings/<name>/v<version>.yml} so that they survive a restart. Every mapping is validated when it
 * is added; an invalid file is set aside with its problems ({@link #invalid()}) and every other mapping keeps
 * working.
 */
public class MappingRepository {

    private static final Logger log = LoggerFactory.getLogger(MappingRepository.class);
    static final String PREFIX = "mappings/";

    private final Map<String, Mapping> byName = new TreeMap<>();
    private final Map<String, InvalidMapping> invalid = new TreeMap<>();
    private final ObjectStore store;

    /** A mapping file that was not taken, with every problem found in it. */
    public record InvalidMapping(String origin, List<String> problems) {
    }

    /**
     * @param locations resource patterns of mapping files
     * @param store where added mappings are kept, or null to keep them in memory only
     */
    public MappingRepository(List<String> locations, ObjectStore store) {
        this.store = store;
        var resolver = new PathMatchingResourcePatternResolver();
        for (String location : locations) {
            Resource[] resources;
            try {
                resources = resolver.getResources(location);
            } catch (IOException e) {
                log.warn("cannot list mappings at {}: {}", location, e.getMessage());
                continue;
            }
            for (Resource resource : resources) {
                if (resource.exists()) {
                    load(text(resource), resource.getDescription());
                }
            }
        }
        if (store != null) {
            store.list(PREFIX).forEach(o -> load(new String(store.read(o.key()), StandardCharsets.UTF_8),
                    store.uri(o.key()).toString()));
        }
        log.info("mappings loaded: {}", byName.keySet());
        invalid.values().forEach(i -> log.error("mapping {} was not loaded: {}", i.origin(), i.problems()));
    }

    /** A repository of the given mappings (tests, tools). */
    public static MappingRepository of(Mapping... mappings) {
        MappingRepository repository = new MappingRepository(List.of(), null);
        for (Mapping mapping : mappings) {
            repository.register(mapping);
        }
        return repository;
    }

    private static String text(Resource resource) {
        try (InputStream in = resource.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private void load(String text, String origin) {
        try {
            register(MappingReader.read(text, origin));
            invalid.remove(origin);
        } catch (InvalidMappingException e) {
            invalid.put(origin, new InvalidMapping(origin, e.problems()));
        }
    }

    /**
     * Validates and adds a mapping under {@code name}, keeping its text in the object store; the highest
     * version of a name is the one runs use.
     *
     * @return the mapping as read
     * @throws InvalidMappingException with every problem, if it cannot be used (nothing is kept then)
     */
    public synchronized Mapping add(String name, String yamlText) {
        Mapping mapping = MappingReader.read(yamlText, name);
        if (!mapping.name().equals(name)) {
            throw new InvalidMappingException(name, List.of("name: the file names mapping '" + mapping.name()
                    + "', the request '" + name + "'"));
        }
        register(mapping);
        if (store != null) {
            store.put(PREFIX + name + "/v" + mapping.version() + ".yml", yamlText.getBytes(StandardCharsets.UTF_8),
                    "application/yaml");
        }
        log.info("mapping {} v{} added", name, mapping.version());
        return mapping;
    }

    private synchronized void register(Mapping mapping) {
        Mapping known = byName.get(mapping.name());
        if (known != null && known.version() == mapping.version() && !known.sha256().equals(mapping.sha256())) {
            throw new InvalidMappingException(mapping.name(), List.of("version: version " + mapping.version()
                    + " of mapping " + mapping.name() + " already exists with other content; raise the version"));
        }
        // several versions of one mapping may be deployed side by side; the highest one is used
        if (known == null || known.version() < mapping.version()) {
            byName.put(mapping.name(), mapping);
        }
    }

    /**
     * The current version of a mapping.
     *
     * @throws UnknownMappingException if none has that name
     */
    public synchronized Mapping get(String name) {
        Mapping mapping = byName.get(name);
        if (mapping == null) {
            throw new UnknownMappingException(name);
        }
        return mapping;
    }

    public synchronized boolean contains(String name) {
        return byName.containsKey(name);
    }

    public synchronized Collection<Mapping> all() {
        return new ArrayList<>(byName.values());
    }

    /** The files found at start-up that could not be used, with their problems. */
    public synchronized List<InvalidMapping> invalid() {
        return new ArrayList<>(invalid.values());
    }
}

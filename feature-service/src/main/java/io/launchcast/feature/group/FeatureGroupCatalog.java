package io.launchcast.feature.group;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The declared feature groups (classpath {@code feature-groups.yml}). A group owns the launch features whose
 * names start with one of its prefixes; its typed feature list follows the computed features (attribute
 * names come from each dataset's mapping), while its name, prefixes, record id and event time are fixed here.
 */
public final class FeatureGroupCatalog {

    /** One group's declaration. */
    public record GroupDeclaration(String name, String description, List<String> prefixes) {

        public boolean owns(String featureName) {
            return prefixes.stream().anyMatch(featureName::startsWith);
        }
    }

    private final String version;
    private final String recordIdentifierName;
    private final String eventTimeName;
    private final List<String> stringPrefixes;
    private final List<GroupDeclaration> groups;

    public FeatureGroupCatalog(String version, String recordIdentifierName, String eventTimeName,
            List<String> stringPrefixes, List<GroupDeclaration> groups) {
        this.version = version;
        this.recordIdentifierName = recordIdentifierName;
        this.eventTimeName = eventTimeName;
        this.stringPrefixes = List.copyOf(stringPrefixes);
        this.groups = List.copyOf(groups);
    }

    /** {@code feature-groups.yml} as written: an unknown key or a missing one is an error at start-up. */
    record Document(String version, String recordIdentifierName, String eventTimeName, List<String> stringPrefixes,
            List<GroupDeclaration> groups) {
    }

    /** Reads the catalog from the classpath resource {@code feature-groups.yml}. */
    public static FeatureGroupCatalog load() {
        try (InputStream in = FeatureGroupCatalog.class.getClassLoader().getResourceAsStream("feature-groups.yml")) {
            if (in == null) {
                throw new IllegalStateException("feature-groups.yml is missing from the class path");
            }
            return read(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read feature-groups.yml: " + e.getMessage(), e);
        }
    }

    /** Reads a catalog in the format of {@code feature-groups.yml}. */
    static FeatureGroupCatalog read(InputStream in) {
        try {
            return of(YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build()
                    .readValue(in, Document.class));
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot read feature-groups.yml: " + e.getOriginalMessage().lines()
                    .findFirst().orElse("") + (e.getLocation() == null ? "" : " (near line " + e.getLocation().getLineNr()
                    + ")"), e);
        }
    }

    static FeatureGroupCatalog of(Document d) {
        if (d.version() == null || d.recordIdentifierName() == null || d.eventTimeName() == null || d.groups() == null
                || d.groups().isEmpty()) {
            throw new IllegalStateException("feature-groups.yml needs version, recordIdentifierName, eventTimeName"
                    + " and at least one group");
        }
        List<GroupDeclaration> groups = d.groups().stream().map(g -> new GroupDeclaration(g.name(),
                g.description() == null ? "" : g.description().trim(), List.copyOf(g.prefixes()))).toList();
        return new FeatureGroupCatalog(d.version(), d.recordIdentifierName(), d.eventTimeName(),
                d.stringPrefixes() == null ? List.of() : d.stringPrefixes(), groups);
    }

    public String version() {
        return version;
    }

    public String recordIdentifierName() {
        return recordIdentifierName;
    }

    public String eventTimeName() {
        return eventTimeName;
    }

    public List<GroupDeclaration> groups() {
        return groups;
    }

    public Optional<GroupDeclaration> group(String name) {
        return groups.stream().filter(g -> g.name().equals(name)).findFirst();
    }

    /** A feature's type: categorical features are strings, all others fractional numbers. */
    public FeatureType typeOf(String featureName) {
        return stringPrefixes.stream().anyMatch(featureName::startsWith) ? FeatureType.String : FeatureType.Fractional;
    }

    /**
     * The full definition of a group for the features it currently holds, e.g. to create it in SageMaker
     * Feature Store.
     */
    public FeatureGroupDefinition definition(String group, java.util.Collection<String> featureNames) {
        GroupDeclaration declaration = group(group).orElseThrow(() -> new IllegalArgumentException("no group " + group));
        List<FeatureDefinition> features = featureNames.stream().filter(declaration::owns).sorted()
                .map(name -> new FeatureDefinition(name, typeOf(name), declaration.name() + " feature")).toList();
        return new FeatureGroupDefinition(group, version, declaration.description(), recordIdentifierName,
                eventTimeName, features);
    }

    /** The group owning a feature, if any (the first whose prefix matches). */
    public Optional<GroupDeclaration> groupOf(String featureName) {
        return groups.stream().filter(g -> g.owns(featureName)).findFirst();
    }
}

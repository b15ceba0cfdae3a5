package io.launchcast.forecast.registry.local;

import io.launchcast.forecast.registry.ApprovalDecision;
import io.launchcast.forecast.registry.ApprovalStatus;
import io.launchcast.forecast.registry.ModelRegistration;
import io.launchcast.forecast.registry.ModelRegistry;
import io.launchcast.forecast.registry.ModelVersion;
import io.launchcast.forecast.registry.ModelVersions;
import io.launchcast.forecast.registry.UnknownModelVersionException;
import io.launchcast.platform.objectstore.NoSuchObjectException;
import io.launchcast.platform.objectstore.ObjectStore;
import io.launchcast.platform.objectstore.ObjectSummary;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * The registry kept in the object store, under {@code models/<group>/v/<version>/}: the artifact is written
 * first, the {@code model-package.json} descriptor last, so a version is visible only when complete. A
 * decision rewrites the descriptor (one atomic object write).
 *
 * <p>Version numbers are allocated under this instance's lock: one forecast-service writes the registry (the
 * pipeline runs there). Several writers would need conditional writes, which SageMaker's registry provides in
 * aws mode.
 */
public class ObjectStoreModelRegistry implements ModelRegistry {

    static final String ROOT = "models/";
    private static final String DESCRIPTOR = "model-package.json";
    private static final Pattern VERSION_KEY = Pattern.compile("^models/([^/]+)/v/(\\d{6})/" + DESCRIPTOR + "$");

    private final ObjectStore store;
    private final JsonMapper json;
    private final Clock clock;

    public ObjectStoreModelRegistry(ObjectStore store, JsonMapper json, Clock clock) {
        this.store = store;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public synchronized ModelVersion register(ModelRegistration registration) {
        String group = registration.group();
        if (!group.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            throw new IllegalArgumentException("model group '" + group + "' must be lowercase letters, digits and dashes");
        }
        int next = versions(group).stream().mapToInt(ModelVersion::version).max().orElse(0) + 1;
        String base = versionPrefix(group, next);
        String artifactKey = base + "artifact.bin";
        store.put(artifactKey, registration.artifact(), "application/octet-stream");
        ModelVersion version = new ModelVersion(group, next, ApprovalStatus.PendingManualApproval,
                Instant.now(clock), registration.metrics(), registration.lineage(), artifactKey,
                ModelVersions.sha256(registration.artifact()), List.of());
        write(version);
        return version;
    }

    @Override
    public List<ModelVersion> versions(String group) {
        return store.list(ROOT + group + "/v/").stream()
                .map(ObjectSummary::key)
                .filter(key -> VERSION_KEY.matcher(key).matches())
                .map(key -> json.readValue(store.read(key), ModelVersion.class))
                .sorted(Comparator.comparingInt(ModelVersion::version))
                .toList();
    }

    @Override
    public List<String> groups() {
        TreeSet<String> groups = new TreeSet<>();
        for (ObjectSummary object : store.list(ROOT)) {
            Matcher m = VERSION_KEY.matcher(object.key());
            if (m.matches()) {
                groups.add(m.group(1));
            }
        }
        return List.copyOf(groups);
    }

    @Override
    public ModelVersion version(String group, int version) {
        try {
            return json.readValue(store.read(versionPrefix(group, version) + DESCRIPTOR), ModelVersion.class);
        } catch (NoSuchObjectException e) {
            throw new UnknownModelVersionException(group, version);
        }
    }

    @Override
    public synchronized ModelVersion decide(String group, int version, ApprovalStatus status, String reason,
            String decidedBy) {
        ModelVersions.requireDecision(status);
        ModelVersion decided = version(group, version)
                .decided(new ApprovalDecision(status, reason, decidedBy, Instant.now(clock)));
        write(decided);
        return decided;
    }

    @Override
    public Optional<ModelVersion> champion(String group) {
        return ModelVersions.champion(versions(group));
    }

    @Override
    public byte[] artifact(String group, int version) {
        ModelVersion model = version(group, version);
        return ModelVersions.verified(model, store.read(model.artifactKey()));
    }

    private void write(ModelVersion version) {
        store.put(versionPrefix(version.group(), version.version()) + DESCRIPTOR, json.writeValueAsBytes(version),
                "application/json");
    }

    private static String versionPrefix(String group, int version) {
        return ROOT + group + "/v/" + String.format("%06d", version) + "/";
    }

}

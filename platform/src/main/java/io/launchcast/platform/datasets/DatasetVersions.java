package io.launchcast.platform.datasets;

import io.launchcast.platform.objectstore.ObjectStore;
import io.launchcast.platform.objectstore.ObjectSummary;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The versions of curated datasets under {@code curated/<dataset>/v=<version>/}. A version is published when its
 * {@code _manifest.json} exists, and withdrawn when a {@code _withdrawn.json} record sits next to it: a withdrawn
 * version stays readable (its files, its manifest) for audit and for a pinned re-run that asks for it by name, but
 * no consumer picks it on its own: not the feature sync, not "latest", not the training pipeline.
 */
public final class DatasetVersions {

    public static final String MANIFEST = "_manifest.json";
    public static final String WITHDRAWAL = "_withdrawn.json";

    /** Why and by whom a version was withdrawn. */
    public record Withdrawal(String dataset, String version, String reason, String withdrawnBy, Instant withdrawnAt) {
    }

    private final ObjectStore store;
    private final JsonMapper json;

    public DatasetVersions(ObjectStore store, JsonMapper json) {
        this.store = store;
        this.json = json;
    }

    public static String prefix(String dataset, String version) {
        return "curated/" + dataset + "/v=" + version + "/";
    }

    /** Published versions, oldest first (version ids sort by time), withdrawn ones included. */
    public List<String> published(String dataset) {
        String prefix = "curated/" + dataset + "/v=";
        return store.list(prefix).stream().map(ObjectSummary::key)
                .filter(k -> k.endsWith("/" + MANIFEST))
                .map(k -> k.substring(prefix.length(), k.length() - MANIFEST.length() - 1))
                .sorted().toList();
    }

    /** Published versions that were not withdrawn, oldest first. */
    public List<String> usable(String dataset) {
        return published(dataset).stream().filter(v -> withdrawal(dataset, v).isEmpty()).toList();
    }

    /** The newest version a consumer may pick on its own. */
    public Optional<String> latestUsable(String dataset) {
        // newest first, stopping at the first one not withdrawn: serving asks every few minutes, and a dataset
        // published daily has hundreds of versions whose withdrawal records need not all be read
        List<String> published = published(dataset);
        for (int v = published.size() - 1; v >= 0; v--) {
            if (withdrawal(dataset, published.get(v)).isEmpty()) {
                return Optional.of(published.get(v));
            }
        }
        return Optional.empty();
    }

    /**
     * The version a training run takes: {@code version} when it was published and not withdrawn, the newest usable
     * one when {@code version} is null. Every pipeline asks this before it starts, so that a run that cannot train
     * is refused at the request, whichever engine would run it.
     *
     * @throws UnusableVersionException saying why there is none
     */
    public String usableVersion(String dataset, String version) {
        if (version == null) {
            return latestUsable(dataset).orElseThrow(() -> new UnusableVersionException("dataset " + dataset
                    + " has no published version: ingest it first"));
        }
        if (!isPublished(dataset, version)) {
            throw new UnusableVersionException("dataset " + dataset + " has no published version " + version);
        }
        withdrawal(dataset, version).ifPresent(w -> {
            throw new UnusableVersionException("dataset " + dataset + " version " + version + " was withdrawn by "
                    + w.withdrawnBy() + ": " + w.reason() + "; pin another version");
        });
        return version;
    }

    /** No version of a dataset a run may train on, and why. */
    public static final class UnusableVersionException extends IllegalArgumentException {
        public UnusableVersionException(String message) {
            super(message);
        }
    }

    public Optional<Withdrawal> withdrawal(String dataset, String version) {
        return store.head(prefix(dataset, version) + WITHDRAWAL)
                .map(o -> json.readValue(store.read(o.key()), Withdrawal.class));
    }

    /** Whether the version was published (its manifest is there), withdrawn or not: one look-up, no listing. */
    public boolean isPublished(String dataset, String version) {
        return store.head(prefix(dataset, version) + MANIFEST).isPresent();
    }

    public boolean isWithdrawn(String dataset, String version) {
        return withdrawal(dataset, version).isPresent();
    }

    /**
     * Withdraws a published version; withdrawing it again keeps the first record (who and why stay those of the
     * decision that hid it).
     *
     * @throws java.util.NoSuchElementException when the version was never published
     */
    public Withdrawal withdraw(String dataset, String version, String reason, String withdrawnBy, Instant at) {
        if (!isPublished(dataset, version)) {
            throw new java.util.NoSuchElementException("dataset " + dataset + " has no published version " + version);
        }
        Optional<Withdrawal> earlier = withdrawal(dataset, version);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Withdrawal withdrawal = new Withdrawal(dataset, version, reason, withdrawnBy, at);
        store.put(prefix(dataset, version) + WITHDRAWAL, json.writeValueAsBytes(withdrawal), "application/json");
        return withdrawal;
    }

    /**
     * Deletes the files of versions withdrawn before {@code cutoff}, manifest last, keeping the withdrawal record as
     * the tombstone that says what happened. Returns the number of objects deleted.
     */
    public int purgeWithdrawnBefore(String dataset, Instant cutoff) {
        int deleted = 0;
        for (String version : published(dataset)) {
            Optional<Withdrawal> withdrawal = withdrawal(dataset, version);
            if (withdrawal.isEmpty() || !withdrawal.get().withdrawnAt().isBefore(cutoff)) {
                continue;
            }
            String prefix = prefix(dataset, version);
            for (ObjectSummary object : store.list(prefix)) {
                if (!object.key().endsWith("/" + WITHDRAWAL) && !object.key().endsWith("/" + MANIFEST)) {
                    store.delete(object.key());
                    deleted++;
                }
            }
            store.delete(prefix + MANIFEST);
            deleted++;
        }
        return deleted;
    }
}

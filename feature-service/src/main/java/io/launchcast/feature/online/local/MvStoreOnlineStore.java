package io.launchcast.feature.online.local;

import io.launchcast.feature.group.FeatureRecord;
import io.launchcast.feature.online.Compaction;
import io.launchcast.feature.online.OnlineStore;
import io.launchcast.feature.online.OnlineStoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The online store embedded in the feature-service: one H2 MVStore file, one map per feature group, records as
 * JSON. MVStore is a log-structured, crash-safe store: a commit is durable once {@link #put} returns, and after a
 * crash the file opens at the last commit.
 *
 * <p>Log-structured means a rewritten record's old pages stay in the file until it is compacted: a sync of a million
 * products left 4-6 GB of which 6 % was live (docs/adr/0108), and MVStore's own compaction took over ten minutes.
 * {@link #compact} copies the live records, map by map in key order, into a fresh file beside the store
 * ({@code <file>.compacting}), closes it, and swaps it in with an atomic rename; readers go on reading the old file
 * while the copy runs and wait only for the swap, writers wait for the whole compaction. A crash during the copy
 * leaves the old file as it was (the next open deletes the unfinished copy); a crash after the rename finds the
 * finished copy in place.
 */
public class MvStoreOnlineStore implements OnlineStore, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MvStoreOnlineStore.class);
    static final int LEAF_BYTES = 4096;
    private static final String GROUP = "group:";
    /** Records copied between two commits of the fresh file: what the copy holds in memory at most. */
    private static final int COPY_BATCH = 50_000;

    private final Path file;
    private final Path copy;
    private final JsonMapper json;
    /** Readers and writers hold the read lock while they use {@link #store}; the swap takes the write lock. */
    private final ReentrantReadWriteLock swap = new ReentrantReadWriteLock();
    private volatile MVStore store;

    public MvStoreOnlineStore(Path file, JsonMapper json) {
        this.file = file.toAbsolutePath();
        this.copy = this.file.resolveSibling(this.file.getFileName() + ".compacting");
        this.json = json;
        try {
            Files.createDirectories(this.file.getParent());
            // an unfinished copy of a compaction that did not end: the store itself was never touched
            if (Files.deleteIfExists(copy)) {
                log.warn("removed {}, left by a compaction that did not finish; the store is as it was before it", copy);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare the online store's directory for " + file, e);
        }
        this.store = open(this.file);
    }

    private static MVStore open(Path file) {
        // pages compressed (LZF): records are JSON whose feature names repeat, and a sync of a million products
        // rewrites the pages it touches at every commit; uncompressed, that was 7 KB of disk writes per product
        // leaves of 4 KB instead of MVStore's 16 KB: a sync puts its records in launch order, not key order, so each
        // commit touches leaves all over the tree and rewrites them whole; smaller leaves rewrite less of the tree
        // per commit (100,000 products' records in 4 groups, 20,000 per commit: 916 MB of file and 90 s with 16 KB
        // leaves, 333 MB and 21 s with 4 KB)
        return new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().compress()
                .pageSplitSize(LEAF_BYTES).open();
    }

    @Override
    public synchronized void put(String group, Collection<FeatureRecord> records) {
        using(s -> {
            MVMap<String, String> map = s.openMap(GROUP + group);
            for (FeatureRecord record : records) {
                String stored = map.get(record.recordId());
                if (stored == null || !decode(stored).eventTime().isAfter(record.eventTime())) {
                    map.put(record.recordId(), json.writeValueAsString(record));
                }
            }
            s.commit();
            return null;
        });
    }

    @Override
    public Optional<FeatureRecord> get(String group, String recordId) {
        return Optional.ofNullable(using(s -> s.<String, String>openMap(GROUP + group).get(recordId))).map(this::decode);
    }

    @Override
    public Map<String, FeatureRecord> getAll(String group, List<String> recordIds) {
        Map<String, FeatureRecord> found = new LinkedHashMap<>();
        getAllAsJson(group, recordIds).forEach((id, stored) -> found.put(id, decode(stored)));
        return found;
    }

    @Override
    public Map<String, String> getAllAsJson(String group, List<String> recordIds) {
        return using(s -> {
            MVMap<String, String> map = s.openMap(GROUP + group);
            Map<String, String> found = new LinkedHashMap<>();
            for (String id : recordIds) {
                String stored = map.get(id);
                if (stored != null) {
                    found.put(id, stored);
                }
            }
            return found;
        });
    }

    /** Runs {@code work} on the current file, which no compaction swaps out meanwhile. */
    private <T> T using(Function<MVStore, T> work) {
        Lock lock = swap.readLock();
        lock.lock();
        try {
            return work.apply(store);
        } finally {
            lock.unlock();
        }
    }

    /** The share of the file (percent) that live records take: MVStore's live share of its chunks, of the file's. */
    public int fillRate() {
        return using(s -> s.getFileStore().getChunksFillRate() * s.getFileStore().getFillRate() / 100);
    }

    /** The file's size in bytes. */
    public long fileSize() {
        return using(s -> s.getFileStore().size());
    }

    @Override
    public synchronized Compaction compact(int belowFillRate) {
        return compact(belowFillRate, COPY_BATCH, () -> { });
    }

    /** {@link #compact(int)}, calling {@code afterBatch} after each {@code batch} records copied (tests act there). */
    synchronized Compaction compact(int belowFillRate, int batch, Runnable afterBatch) {
        int fillRate = fillRate();
        long before = fileSize();
        if (belowFillRate < 100 && fillRate >= belowFillRate) {
            return Compaction.notNeeded(fillRate, before);
        }
        long start = System.nanoTime();
        long records;
        try {
            Files.deleteIfExists(copy);
            // writers wait (this method holds the store's monitor, as put does); readers use the old file meanwhile
            records = using(old -> copyInto(old, batch, afterBatch));
        } catch (IOException | RuntimeException e) {
            deleteQuietly(copy);
            throw e instanceof IOException io ? new OnlineStoreException("compacting " + file + " failed", io)
                    : (RuntimeException) e;
        }
        Lock lock = swap.writeLock();
        lock.lock();
        try {
            store.close();
            try {
                Files.move(copy, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                syncDirectory();
            } finally {
                store = open(file); // the copy if it moved, else the old file as it was
            }
        } catch (IOException e) {
            deleteQuietly(copy);
            throw new OnlineStoreException("swapping in the compacted copy of " + file + " failed", e);
        } finally {
            lock.unlock();
        }
        long after = fileSize();
        Compaction done = new Compaction(true, fillRate, before, after, records,
                Duration.ofNanos(System.nanoTime() - start));
        log.info("online store compacted: {} records, {} MB -> {} MB ({} % live before) in {} s", records,
                before >> 20, after >> 20, fillRate, done.took().toSeconds());
        return done;
    }

    /** Copies every group's records in key order into a fresh file, committed in batches; the count copied. */
    private long copyInto(MVStore old, int batchSize, Runnable afterBatch) {
        long copied = 0;
        MVStore fresh = open(copy);
        try {
            for (String name : old.getMapNames()) {
                if (!name.startsWith(GROUP)) {
                    continue;
                }
                MVMap<String, String> from = old.openMap(name);
                MVMap<String, String> to = fresh.openMap(name);
                Cursor<String, String> cursor = from.cursor(null);
                int batch = 0;
                while (cursor.hasNext()) {
                    String key = cursor.next();
                    to.put(key, cursor.getValue());
                    copied++;
                    if (++batch == batchSize) {
                        fresh.commit();
                        afterBatch.run();
                        batch = 0;
                    }
                }
                fresh.commit();
            }
            fresh.close(); // written and synced: only a finished copy is ever renamed into place
        } catch (RuntimeException e) {
            fresh.closeImmediately();
            throw e;
        }
        return copied;
    }

    /** Makes the rename durable: the directory's entry is what a crash would otherwise lose. */
    private void syncDirectory() {
        try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            log.debug("cannot sync {} (not supported here): {}", file.getParent(), e.getMessage());
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + path, e);
        }
    }

    private FeatureRecord decode(String stored) {
        return json.readValue(stored, FeatureRecord.class);
    }

    @Override
    public void close() {
        Lock lock = swap.writeLock();
        lock.lock();
        try {
            store.close();
        } finally {
            lock.unlock();
        }
    }
}

package io.launchcast.ingestion.source;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Reads (decompresses, decodes, splits) and prepares each row with a function of the caller's on a thread of
 * its own, a batch ahead, so that this work overlaps with what the caller does next. The caller gives it the
 * per-row work that needs no memory of earlier rows (mapping, typing, row-level checks): on two cores that
 * balances the two threads, where reading alone is a fraction of the rest. At most {@value #BATCHES}
 * batches of {@value #BATCH} rows are in flight, which bounds the memory this costs.
 *
 * @param <T> what the function makes of a row
 */
public final class PrefetchingReader<T> implements AutoCloseable {

    static final int BATCH = 4096;
    static final int BATCHES = 4;

    private final RecordReader delegate;
    private final Function<SourceRecord, T> prepare;
    private final List<T> end = new ArrayList<>(0);
    private final BlockingQueue<List<T>> batches = new ArrayBlockingQueue<>(BATCHES);
    private final Thread producer;
    private volatile Throwable failure;
    private volatile boolean closed;
    private List<T> current = List.of();
    private int position;
    private boolean ended;

    /**
     * Starts reading at once.
     *
     * @param delegate a reader already {@linkplain RecordReader#project projected}; this reader takes it over
     *        and closes it
     * @param prepare called on the reading thread, in row order
     */
    public PrefetchingReader(RecordReader delegate, Function<SourceRecord, T> prepare) {
        this.delegate = delegate;
        this.prepare = prepare;
        producer = new Thread(this::produce, "ingestion-reader");
        producer.setDaemon(true);
        producer.start();
    }

    private void produce() {
        try {
            List<T> batch = new ArrayList<>(BATCH);
            SourceRecord record;
            while (!closed && (record = delegate.next()) != null) {
                batch.add(prepare.apply(record));
                if (batch.size() == BATCH) {
                    put(batch);
                    batch = new ArrayList<>(BATCH);
                }
            }
            if (!batch.isEmpty()) {
                put(batch);
            }
        } catch (Throwable e) {
            failure = e;
        } finally {
            try {
                put(end);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void put(List<T> batch) throws InterruptedException {
        while (!closed && !batches.offer(batch, 100, TimeUnit.MILLISECONDS)) {
            // the consumer is busy; wait unless the reader was closed meanwhile
        }
    }

    /** The next prepared row, or {@code null} at the end; a failure of the reading thread is rethrown here. */
    public T next() {
        while (position >= current.size()) {
            if (ended) {
                return null;
            }
            try {
                current = batches.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SourceReadException("interrupted while reading", e);
            }
            position = 0;
            if (current == end) {
                ended = true;
                if (failure != null) {
                    if (failure instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    throw new SourceReadException("reading failed: " + failure.getMessage(), failure);
                }
                return null;
            }
        }
        return current.get(position++);
    }

    /** Bytes the reading thread has consumed so far. */
    public long bytesRead() {
        return delegate.bytesRead();
    }

    @Override
    public void close() {
        closed = true;
        try {
            producer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        delegate.close();
    }
}

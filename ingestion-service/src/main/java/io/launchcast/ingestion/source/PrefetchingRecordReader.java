package io.launchcast.ingestion.source;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads (decompresses, decodes, splits) on a thread of its own, a batch ahead, so that parsing overlaps with
 * the mapping, judging and staging done by the caller. At most {@value #BATCHES} batches of {@value #BATCH}
 * rows are in flight, which bounds the memory this costs.
 */
public final class PrefetchingRecordReader implements RecordReader {

    static final int BATCH = 4096;
    static final int BATCHES = 4;
    private static final List<SourceRecord> END = List.of();

    private final RecordReader delegate;
    private final BlockingQueue<List<SourceRecord>> batches = new ArrayBlockingQueue<>(BATCHES);
    private volatile Throwable failure;
    private volatile boolean closed;
    private Thread producer;
    private List<SourceRecord> current = List.of();
    private int position;
    private boolean ended;

    public PrefetchingRecordReader(RecordReader delegate) {
        this.delegate = delegate;
    }

    @Override
    public List<String> columns() {
        return delegate.columns();
    }

    @Override
    public void project(List<String> wanted) {
        delegate.project(wanted);
        producer = new Thread(this::produce, "ingestion-reader");
        producer.setDaemon(true);
        producer.start();
    }

    private void produce() {
        try {
            List<SourceRecord> batch = new ArrayList<>(BATCH);
            SourceRecord record;
            while (!closed && (record = delegate.next()) != null) {
                batch.add(record);
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
                put(END);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void put(List<SourceRecord> batch) throws InterruptedException {
        while (!closed && !batches.offer(batch, 100, TimeUnit.MILLISECONDS)) {
            // the consumer is busy; wait unless the reader was closed meanwhile
        }
    }

    @Override
    public SourceRecord next() {
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
            if (current == END) {
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

    @Override
    public long bytesRead() {
        return delegate.bytesRead();
    }

    @Override
    public void close() {
        closed = true;
        if (producer != null) {
            try {
                producer.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        delegate.close();
    }
}

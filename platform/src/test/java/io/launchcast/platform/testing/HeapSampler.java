package io.launchcast.platform.testing;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * Samples the heap every 10 ms while a phase runs: the most used (garbage included, so at most -Xmx) and the
 * most left after a collection (what the phase really holds). The pools' own peaks cannot be summed: the
 * young and old generations peak at different moments, which once added up to more than the maximum heap.
 */
public final class HeapSampler implements AutoCloseable {

    /** The most heap used, in bytes. */
    public volatile long maxUsed;
    /** The most heap left after a collection, in bytes. */
    public volatile long maxAfterGc;
    private volatile boolean running = true;
    private final Thread thread = new Thread(this::sample, "heap-sampler");

    public HeapSampler() {
        thread.setDaemon(true);
        thread.start();
    }

    private void sample() {
        List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        while (running) {
            maxUsed = Math.max(maxUsed, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
            long afterGc = 0;
            for (MemoryPoolMXBean pool : pools) {
                afterGc += pool.getCollectionUsage() == null ? 0 : pool.getCollectionUsage().getUsed();
            }
            maxAfterGc = Math.max(maxAfterGc, afterGc);
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join();
    }
}

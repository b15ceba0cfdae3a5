package io.launchcast.forecast.serving;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;

/**
 * How much of the heap holds live data, by the JVM's own figures: the heap in use after the most recent garbage
 * collection (an upper bound of what is live then), or the heap in use now before any collection. With
 * {@link #buildStarted()} and {@link #builtSince} it also measures what building a serving model took.
 *
 * @param live bytes in use after the latest collection
 * @param max  the most the heap can grow to
 */
public record HeapRoom(long live, long max) {

    /**
     * Without a measured build, how many times the live data the heap must be able to hold to build a second
     * serving model while the first serves: its history is about the size of the first's, and building it needs
     * room besides.
     */
    static final double FOR_A_SECOND_MODEL = 3;

    /** The figures of this JVM now. */
    public static HeapRoom now() {
        long max = Runtime.getRuntime().maxMemory();
        long live = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long latestEnd = -1;
        for (var collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof com.sun.management.GarbageCollectorMXBean hotspot
                    && hotspot.getLastGcInfo() != null && hotspot.getLastGcInfo().getEndTime() > latestEnd) {
                latestEnd = hotspot.getLastGcInfo().getEndTime();
                live = heapUsed(hotspot.getLastGcInfo().getMemoryUsageAfterGc());
            }
        }
        return new HeapRoom(live, max);
    }

    private static long heapUsed(java.util.Map<String, MemoryUsage> afterGc) {
        long used = 0;
        for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage usage = afterGc.get(pool.getName());
            if (pool.getType() == MemoryType.HEAP && usage != null) {
                used += usage.getUsed();
            }
        }
        return used;
    }

    /**
     * Whether a second model can be built beside what is live now: one that takes {@code buildNeed} bytes to build,
     * as the serving one took, or, not known (0), one about the size of the live data.
     */
    public boolean holdsASecondModel(long buildNeed) {
        return buildNeed > 0 ? live + buildNeed <= max : live * FOR_A_SECOND_MODEL <= max;
    }

    /** Starts measuring a build: the heap pools' peaks are reset; returns the heap in use now. */
    public static long buildStarted() {
        long used = 0;
        for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
                used += pool.getUsage().getUsed();
            }
        }
        return used;
    }

    /**
     * The heap a build took since {@link #buildStarted()} returned {@code usedAtStart}: the sum of the heap pools'
     * peaks (each pool's own peak, so at least the heap's) less what was in use at the start.
     */
    public static long builtSince(long usedAtStart) {
        long peak = 0;
        for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return Math.max(0, peak - usedAtStart);
    }

    @Override
    public String toString() {
        return (live >> 20) + " MiB live after the latest collection, " + (max >> 20) + " MiB at most";
    }
}

package io.github.scllm.core.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Map;

/**
 * Wall time and peak heap of one command run, for its JSON output and metrics.json. The peak is the sum of the heap
 * pools' peak occupancy since the run started: what the run made the JVM hold, at most the heap limit (-Xmx).
 */
final class RunStats {
    private final long start = System.nanoTime();

    /** Starts the clock and the peak count (the pools' peaks are reset). */
    RunStats() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.isValid()) {
                pool.resetPeakUsage();
            }
        }
    }

    /** @return seconds since the run started */
    double wallSeconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    /** @return the heap held at the peak, in bytes */
    long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.isValid() && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** Adds {@code wall_seconds}, {@code peak_heap_bytes} and {@code max_heap_bytes} (the -Xmx limit). */
    void putInto(Map<String, Object> json) {
        json.put("wall_seconds", Math.round(wallSeconds() * 1000) / 1000.0);
        json.put("peak_heap_bytes", peakHeapBytes());
        json.put("max_heap_bytes", Runtime.getRuntime().maxMemory());
    }
}

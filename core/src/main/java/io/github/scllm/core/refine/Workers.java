package io.github.scllm.core.refine;

import io.github.scllm.core.CancelledException;
import io.github.scllm.core.EngineException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A bounded pool for independent tasks that each write their own slice of the output, so results never depend on
 * the number of threads.
 */
final class Workers implements AutoCloseable {
    private final ExecutorService pool;
    private final int threads;

    Workers(int threads) {
        this.threads = threads;
        this.pool = threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "scllm-refine");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    int threads() {
        return threads;
    }

    /** Runs body(part) for part in [0, parts) and waits for all. */
    void forEach(int parts, java.util.function.IntConsumer body) {
        if (pool == null || parts <= 1) {
            for (int p = 0; p < parts; p++) {
                body.accept(p);
            }
            return;
        }
        List<Future<?>> futures = new ArrayList<>(parts);
        for (int p = 0; p < parts; p++) {
            int part = p;
            futures.add(pool.submit(() -> body.accept(part)));
        }
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new EngineException("A worker thread failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            futures.forEach(f -> f.cancel(true));
            throw new CancelledException();
        }
    }

    /** Splits [0, n) into at most 4 x threads contiguous ranges and runs body(from, to) on each. */
    void forRanges(int n, RangeBody body) {
        int parts = Math.max(1, Math.min(n, pool == null ? 1 : threads * 4));
        forEach(parts, p -> body.run((int) ((long) n * p / parts), (int) ((long) n * (p + 1) / parts)));
    }

    /**
     * Splits [0, n) into one contiguous range per thread and runs body(from, to) on each: for work whose every range
     * reads a large shared operand (a weight matrix), so that operand is read once per thread.
     */
    void forThreadRanges(int n, RangeBody body) {
        int parts = Math.max(1, Math.min(n, pool == null ? 1 : threads));
        forEach(parts, p -> body.run((int) ((long) n * p / parts), (int) ((long) n * (p + 1) / parts)));
    }

    @FunctionalInterface
    interface RangeBody {
        void run(int from, int to);
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}

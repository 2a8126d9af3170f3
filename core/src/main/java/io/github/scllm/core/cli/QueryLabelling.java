package io.github.scllm.core.cli;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.ProgressListener;
import io.github.scllm.core.evaluate.CellBatch;
import io.github.scllm.core.evaluate.FittedMethod;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Labels query cells chunk by chunk with a fitted method, shared by {@code annotate} and {@code predict}: memory
 * follows the chunk size, not the query size. A shard (I of N) takes every N-th chunk, so N runs with the same chunk
 * size cover every cell exactly once and can run on as many machines.
 */
final class QueryLabelling {
    /** Cells per chunk unless chosen otherwise; shards of one query must use the same value. */
    static final int DEFAULT_CHUNK_CELLS = 4096;

    /** Reads a run of query cells in the fitted method's gene space. */
    interface Source {
        CellBatch read(long firstCell, int count);
    }

    /**
     * Which chunks a run takes.
     *
     * @param index 1-based shard number
     * @param count number of shards
     */
    record Shard(int index, int count) {
        static final Shard ALL = new Shard(1, 1);

        /**
         * Parses {@code I/N}.
         *
         * @throws InvalidInputException if the text is not two integers with 1 &lt;= I &lt;= N
         */
        static Shard parse(String text) {
            String[] parts = text == null ? new String[0] : text.trim().split("/");
            try {
                if (parts.length == 2) {
                    int i = Integer.parseInt(parts[0].trim());
                    int n = Integer.parseInt(parts[1].trim());
                    if (n >= 1 && i >= 1 && i <= n) {
                        return new Shard(i, n);
                    }
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new InvalidInputException("--shard must be I/N with 1 <= I <= N, e.g. 3/8 for the third of eight "
                + "shards; got '" + text + "'.");
        }

        boolean takes(long chunk) {
            return chunk % count == index - 1;
        }
    }

    private QueryLabelling() {
    }

    /**
     * Labels the cells of the shard's chunks in order and writes them to the output.
     *
     * @return the number of cells labelled
     */
    static int run(FittedMethod model, int cells, Source source, int chunkCells, Shard shard, PredictionOutput output,
            PrintWriter err, String step) throws IOException {
        long chunks = (cells + (long) chunkCells - 1) / chunkCells;
        long taken = 0;
        for (long c = 0; c < chunks; c++) {
            taken += shard.takes(c) ? Math.min(chunkCells, cells - c * chunkCells) : 0;
        }
        long start = System.nanoTime();
        int done = 0;
        try (ConsoleProgress progress = ConsoleProgress.forTerminal(err, step)) {
            for (long c = 0; c < chunks; c++) {
                if (!shard.takes(c)) {
                    continue;
                }
                long first = c * chunkCells;
                CellBatch batch = source.read(first, (int) Math.min(chunkCells, cells - first));
                FittedMethod.BatchPrediction p = model.predict(batch, CancellationToken.NONE, ProgressListener.NONE);
                output.write(batch, p, model.vectorSpace());
                done += batch.size();
                double seconds = (System.nanoTime() - start) / 1e9;
                progress.progress(taken == 0 ? 1 : (double) done / taken, String.format(Locale.ROOT,
                    "Labelled %d of %d cells, %.0f cells/s", done, taken, done / Math.max(1e-9, seconds)));
            }
        }
        return done;
    }
}

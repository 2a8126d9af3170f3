import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.genes.TopGenes;
import io.github.scllm.core.genes.TopGenesOptions;
import io.github.scllm.core.genes.TopGenesSelector;
import io.github.scllm.core.io.CellChunk;
import io.github.scllm.core.io.CellMatrixReader;
import io.github.scllm.core.io.CellMatrixReaders;
import io.github.scllm.core.io.ReadOptions;

/**
 * Cells per second of the top-genes selection (TopGenesSelector, no normalisation, no exclusion) on a matrix file.
 *
 * <p>Two figures: end to end (open the file, stream it in chunks of 4,096 cells, select every cell, keep nothing;
 * one pass, JVM start excluded, so class loading and JIT warm-up count) and selection only (the chunks held in memory, the best of several passes, the first of which
 * also warms up the JIT). The checksum (sum over cells and ranks of (rank+1)*(gene+1)) lets the caller check that
 * the peer selected exactly the same genes in the same order.
 *
 * <p>Usage: {@code java -cp scllm.jar:. TopGenesBenchmark FILE [N] [PASSES]}
 */
public final class TopGenesBenchmark {
    private static final int CHUNK = 4096;

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int passes = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        TopGenesOptions options = TopGenesOptions.DEFAULTS.withTopN(n);

        long t0 = System.nanoTime();
        long cells;
        long nnz = 0;
        Result e2e = new Result();
        try (CellMatrixReader r = CellMatrixReaders.open(file, ReadOptions.DEFAULTS)) {
            cells = r.summary().cellCount();
            TopGenesSelector selector = new TopGenesSelector(options, r.summary().geneSymbols());
            for (long c = 0; c < cells; c += CHUNK) {
                CellChunk chunk = r.read(c, CHUNK);
                e2e.add(selector.selectAll(chunk, CancellationToken.NONE));
                nnz += chunk.offsets()[chunk.count()];
            }
            double e2eSeconds = (System.nanoTime() - t0) / 1e9;

            // untimed: the whole matrix in memory, so that the passes below measure the selection alone
            List<CellChunk> chunks = new ArrayList<>();
            for (long c = 0; c < cells; c += CHUNK) {
                chunks.add(r.read(c, CHUNK));
            }
            double best = Double.POSITIVE_INFINITY;
            Result sel = null;
            for (int p = 0; p < passes; p++) {
                Result res = new Result();
                long s0 = System.nanoTime();
                for (CellChunk chunk : chunks) {
                    res.add(selector.selectAll(chunk, CancellationToken.NONE));
                }
                best = Math.min(best, (System.nanoTime() - s0) / 1e9);
                sel = res;
            }
            if (sel.checksum != e2e.checksum) {
                throw new IllegalStateException("selection passes disagree");
            }
            System.out.printf("java cells=%d nnz=%d listed=%d checksum=%d e2e_seconds=%.3f e2e_cells_per_s=%.0f "
                + "select_seconds=%.3f select_cells_per_s=%.0f%n", cells, nnz, sel.listed, sel.checksum, e2eSeconds,
                cells / e2eSeconds, best, cells / best);
        }
    }

    /** Count and order-sensitive checksum of the selected genes. */
    private static final class Result {
        long listed;
        long checksum;

        void add(List<TopGenes> tops) {
            for (TopGenes t : tops) {
                for (int k = 0; k < t.size(); k++) {
                    checksum += (long) (k + 1) * (t.genes()[k] + 1);
                }
                listed += t.size();
            }
        }
    }
}

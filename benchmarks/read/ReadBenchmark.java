import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;

import io.github.scllm.core.io.CellChunk;
import io.github.scllm.core.io.CellMatrixReader;
import io.github.scllm.core.io.CellMatrixReaders;
import io.github.scllm.core.io.ReadOptions;

/**
 * Streams every cell of a matrix once and prints non-zeros per second and the peak heap. The peak is the sum of the
 * heap pools' peak usages (an upper bound: pools may peak at different times); max_heap_mb is the -Xmx limit.
 */
public final class ReadBenchmark {
    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        int chunk = args.length > 1 ? Integer.parseInt(args[1]) : 4096;
        long t0 = System.nanoTime();
        long nnz = 0;
        double sum = 0;
        try (CellMatrixReader r = CellMatrixReaders.open(file, ReadOptions.DEFAULTS)) {
            int cells = r.summary().cellCount();
            for (long c = 0; c < cells; c += chunk) {
                CellChunk ch = r.read(c, chunk);
                int n = ch.offsets()[ch.count()];
                nnz += n;
                float[] v = ch.values();
                for (int k = 0; k < n; k++) {
                    sum += v[k];
                }
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("java nnz=%d sum=%.1f seconds=%.2f nnz_per_s=%.0f peak_heap_mb=%.0f max_heap_mb=%.0f%n", nnz,
            sum, seconds, nnz / seconds, peak / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576.0);
    }
}

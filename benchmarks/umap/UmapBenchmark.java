import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.ProgressListener;
import io.github.scllm.core.report.Umap;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Times the engine's UMAP (defaults: 15 neighbours, min_dist 0.1, cosine, all processors) on raw little-endian float32
 * rows written by bench_umap.py, and writes the layout as float32 (x, y) pairs. Prints "seconds=...".
 * Usage: java -cp core/target/classes benchmarks/umap/UmapBenchmark.java IN_F32 ROWS DIM OUT_F32
 */
public final class UmapBenchmark {
    public static void main(String[] args) throws IOException {
        int rows = Integer.parseInt(args[1]);
        int dim = Integer.parseInt(args[2]);
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(Path.of(args[0]))).order(ByteOrder.LITTLE_ENDIAN);
        float[][] x = new float[rows][dim];
        for (float[] row : x) {
            for (int j = 0; j < dim; j++) {
                row[j] = in.getFloat();
            }
        }
        long t0 = System.nanoTime();
        float[][] layout = Umap.layout(x, Umap.Options.DEFAULTS, CancellationToken.NONE, ProgressListener.NONE);
        double seconds = (System.nanoTime() - t0) / 1e9;
        ByteBuffer out = ByteBuffer.allocate(rows * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] p : layout) {
            out.putFloat(p[0]).putFloat(p[1]);
        }
        Files.write(Path.of(args[3]), out.array());
        System.out.println("threads=" + Umap.Options.DEFAULTS.threads());
        System.out.println("seconds=" + seconds);
    }
}

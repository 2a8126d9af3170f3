import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.ProgressListener;
import io.github.scllm.core.refine.ContrastiveTrainer;
import io.github.scllm.core.refine.ProjectionHead;
import io.github.scllm.core.refine.RefineOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Times one SupCon training epoch of the engine (default head 512/128, batch 256, Adam, no validation split) on raw
 * little-endian float32 rows written by bench_supcon.py. Prints "seconds=..." (fastest of two runs).
 * Usage: java -cp core/target/classes benchmarks/learn/SupconBenchmark.java DIR ROWS DIM
 */
public final class SupconBenchmark {
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int rows = Integer.parseInt(args[1]);
        int dim = Integer.parseInt(args[2]);
        ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(dir.resolve("x.f32"))).order(ByteOrder.LITTLE_ENDIAN);
        float[][] x = new float[rows][dim];
        for (float[] row : x) {
            for (int j = 0; j < dim; j++) {
                row[j] = buf.getFloat();
            }
        }
        String[] labels = Files.readAllLines(dir.resolve("labels.txt")).toArray(String[]::new);
        RefineOptions options = RefineOptions.DEFAULTS.withEpochs(1, 1).withValidationFraction(0);
        double best = Double.POSITIVE_INFINITY;
        for (int run = 0; run < 2; run++) {
            long t0 = System.nanoTime();
            ProjectionHead head = ContrastiveTrainer.train(List.<float[][]>of(x), labels, options, CancellationToken.NONE,
                    ProgressListener.NONE);
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
            System.out.println("loss=" + head.trainingCurve().get(0).trainLoss());
        }
        System.out.println("threads=" + options.threads());
        System.out.println("seconds=" + best);
    }
}

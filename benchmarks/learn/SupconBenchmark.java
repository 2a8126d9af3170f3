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
 * little-endian float32 rows written by bench_supcon.py. Prints "seconds=..." (fastest of RUNS one-epoch trainings
 * in this JVM, default 3; the first includes the JIT's warm-up), the process CPU time and mean training loss of that
 * epoch, and the threads.
 * Usage: java -cp core/target/classes benchmarks/learn/SupconBenchmark.java DIR ROWS DIM [RUNS [THREADS]]
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
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        RefineOptions options = RefineOptions.DEFAULTS.withEpochs(1, 1).withValidationFraction(0);
        if (args.length > 4) {
            options = options.withThreads(Integer.parseInt(args[4]));
        }
        double best = Double.POSITIVE_INFINITY;
        double bestLoss = Double.NaN;
        double bestCpu = Double.NaN;
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        for (int run = 0; run < runs; run++) {
            long c0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            ProjectionHead head = ContrastiveTrainer.train(List.<float[][]>of(x), labels, options, CancellationToken.NONE,
                    ProgressListener.NONE);
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (seconds < best) {
                best = seconds;
                bestCpu = (os.getProcessCpuTime() - c0) / 1e9;
                bestLoss = head.trainingCurve().get(0).trainLoss();
            }
        }
        System.out.println("loss=" + bestLoss);
        System.out.println("cpu=" + bestCpu);
        System.out.println("threads=" + options.threads());
        System.out.println("seconds=" + best);
    }
}

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.ProgressListener;
import io.github.scllm.core.classify.Classifier;
import io.github.scllm.core.classify.ClassifierOptions;
import io.github.scllm.core.classify.Classifiers;
import io.github.scllm.core.classify.Prediction;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Times the engine's KNN classifier (fit + predict, cosine, k = 10, uniform) on raw little-endian float32 matrices
 * written by bench_knn.py. Prints "seconds=..." for the fastest of three runs, and the predicted labels to a file.
 * Usage: java -cp core/target/classes benchmarks/learn/KnnBenchmark.java DIR REF_ROWS QUERY_ROWS DIM K
 */
public final class KnnBenchmark {
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int nRef = Integer.parseInt(args[1]);
        int nQuery = Integer.parseInt(args[2]);
        int dim = Integer.parseInt(args[3]);
        int k = Integer.parseInt(args[4]);
        float[][] ref = read(dir.resolve("ref.f32"), nRef, dim);
        float[][] query = read(dir.resolve("query.f32"), nQuery, dim);
        List<String> labelLines = Files.readAllLines(dir.resolve("ref_labels.txt"));
        String[] labels = labelLines.toArray(String[]::new);
        ClassifierOptions options = ClassifierOptions.DEFAULTS.withK(k);
        double best = Double.POSITIVE_INFINITY;
        List<Prediction> predictions = null;
        for (int run = 0; run < 3; run++) {
            long t0 = System.nanoTime();
            Classifier c = Classifiers.fit(ref, labels, options, CancellationToken.NONE, ProgressListener.NONE);
            predictions = c.predict(query, CancellationToken.NONE, ProgressListener.NONE);
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        StringBuilder sb = new StringBuilder();
        for (Prediction p : predictions) {
            sb.append(p.label()).append('\n');
        }
        Files.writeString(dir.resolve("java_pred.txt"), sb);
        System.out.println("threads=" + options.threads());
        System.out.println("seconds=" + best);
    }

    static float[][] read(Path file, int rows, int dim) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        float[][] m = new float[rows][dim];
        for (float[] row : m) {
            for (int j = 0; j < dim; j++) {
                row[j] = buf.getFloat();
            }
        }
        return m;
    }
}

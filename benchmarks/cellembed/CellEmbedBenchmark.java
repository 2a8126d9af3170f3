import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.github.scllm.core.embed.CellEmbedder;

/**
 * Cells per second of Cell Embedding (CellEmbedder, GenePT-w: expression-weighted mean of the top genes' vectors,
 * no normalisation) on the synthetic inputs written by {@code bench_cellembed.py make}. Gene symbols are the strings
 * G0, G1, ..., looked up as the Cell Embedding node and {@code scllm cell-embed} look them up. The inputs are held in
 * memory; each pass embeds every cell and keeps only a checksum (the sum of the squared components), which the
 * caller compares with numpy's. The first pass also warms up the JIT; the best pass is reported.
 *
 * <p>Usage: {@code java -cp scllm.jar:. CellEmbedBenchmark DIR [PASSES]}
 */
public final class CellEmbedBenchmark {

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String[] shape = Files.readString(dir.resolve("shape.txt")).trim().split("\\s+");
        int cells = Integer.parseInt(shape[0]);
        int genes = Integer.parseInt(shape[1]);
        int top = Integer.parseInt(shape[2]);
        int dim = Integer.parseInt(shape[3]);

        ByteBuffer vb = read(dir.resolve("vectors.f32"));
        Map<String, float[]> vectors = new HashMap<>();
        for (int g = 0; g < genes; g++) {
            float[] v = new float[dim];
            vb.asFloatBuffer().position(g * dim).get(v);
            vectors.put("G" + g, v);
        }
        ByteBuffer ib = read(dir.resolve("genes.i32"));
        ByteBuffer wb = read(dir.resolve("weights.f32"));
        String[][] symbols = new String[cells][top];
        float[][] weights = new float[cells][top];
        for (int c = 0; c < cells; c++) {
            for (int k = 0; k < top; k++) {
                symbols[c][k] = "G" + ib.getInt((c * top + k) * 4);
                weights[c][k] = wb.getFloat((c * top + k) * 4);
            }
        }

        CellEmbedder embedder = new CellEmbedder(vectors, CellEmbedder.Options.DEFAULT);
        double best = Double.MAX_VALUE;
        double checksum = 0;
        for (int p = 0; p < passes; p++) {
            long t0 = System.nanoTime();
            double sum = 0;
            for (int c = 0; c < cells; c++) {
                float[] cell = embedder.embed(symbols[c], weights[c]);
                for (float x : cell) {
                    sum += (double) x * x;
                }
            }
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
            checksum = sum;
        }
        System.out.printf(java.util.Locale.ROOT,
            "java %s: cells=%d top=%d dim=%d seconds=%.3f cells_per_s=%.1f checksum=%.6e%n",
            System.getProperty("java.version"), cells, top, dim, best, cells / best, checksum);
    }

    private static ByteBuffer read(Path file) throws IOException {
        return ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    }
}

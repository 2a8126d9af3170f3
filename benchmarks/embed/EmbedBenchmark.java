import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.ProgressListener;
import io.github.scllm.core.embed.TextEmbedder;
import io.github.scllm.core.embed.local.LocalModels;
import io.github.scllm.core.embed.local.WordPieceTokenizer;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Texts per second of the built-in embedding model (bge-small-en-v1.5, int8 ONNX, ONNX Runtime in-process) on real
 * NCBI/RefSeq gene summaries, at 1 and 2 threads, and tokens per second of the WordPiece tokenizer alone.
 *
 * <pre>
 * mvn -q -B package -DskipTests
 * java -cp core/target/scllm.jar benchmarks/embed/EmbedBenchmark.java DATA_DIR [TEXTS]
 * </pre>
 * DATA_DIR holds gene_summaries/refseq_gene_summary_human.tsv.gz; TEXTS (default 300) summaries are embedded,
 * taken evenly from the whole table.
 */
public final class EmbedBenchmark {

    private static final String TABLE = "gene_summaries/refseq_gene_summary_human.tsv.gz";

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: java -cp core/target/scllm.jar benchmarks/embed/EmbedBenchmark.java DATA_DIR [TEXTS]");
            System.exit(2);
        }
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        List<String> all = summaries(Path.of(args[0]).resolve(TABLE));
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            texts.add(all.get((int) ((long) i * all.size() / count)));
        }
        LocalModels.unavailableReason().ifPresent(reason -> {
            System.err.println(reason);
            System.exit(1);
        });

        WordPieceTokenizer tokenizer;
        try (InputStream in = EmbedBenchmark.class.getClassLoader().getResourceAsStream("bge-small-en-v1.5-q-tokenizer.json")) {
            tokenizer = WordPieceTokenizer.read(in, "built-in tokenizer", WordPieceTokenizer.DEFAULT_MAX_LENGTH);
        }
        long tokens = 0;
        for (String t : texts) {
            tokens += tokenizer.encode(t).length;
        }
        System.out.printf(Locale.ROOT, "%d of %d human gene summaries, %.1f tokens each on average (max 512)%n",
                texts.size(), all.size(), (double) tokens / texts.size());

        // tokenizer alone, on the whole table, fastest of three passes
        double bestTokenizer = Double.MAX_VALUE;
        long allTokens = 0;
        for (int rep = 0; rep < 3; rep++) {
            long start = System.nanoTime();
            allTokens = 0;
            for (String t : all) {
                allTokens += tokenizer.encode(t).length;
            }
            bestTokenizer = Math.min(bestTokenizer, (System.nanoTime() - start) / 1e9);
        }
        double tokensPerSecond = allTokens / bestTokenizer;
        System.out.printf(Locale.ROOT, "tokenizer: %d texts, %d tokens in %.2f s = %.0f tokens/s%n", all.size(), allTokens,
                bestTokenizer, tokensPerSecond);
        bench("wordpiece_tokenizer", "tokens_per_s", "tokens/s", tokensPerSecond,
                "refseq_gene_summary_human, all " + all.size() + " summaries");

        for (int threads : new int[] {1, 2}) {
            try (TextEmbedder model = LocalModels.builtIn(threads)) {
                model.embed(texts.subList(0, Math.min(16, texts.size())), CancellationToken.NONE, ProgressListener.NONE);
                long start = System.nanoTime();
                float[][] vectors = model.embed(texts, CancellationToken.NONE, ProgressListener.NONE);
                double seconds = (System.nanoTime() - start) / 1e9;
                double rate = texts.size() / seconds;
                System.out.printf(Locale.ROOT, "built-in model, %d thread(s): %d texts in %.1f s = %.1f texts/s "
                        + "(%.0f tokens/s), dimension %d%n", threads, texts.size(), seconds, rate, tokens / seconds,
                        vectors[0].length);
                bench("embed_builtin_" + threads + "thread", "texts_per_s", "texts/s", rate,
                        "refseq_gene_summary_human, " + texts.size() + " summaries");
            }
        }
    }

    private static void bench(String name, String metric, String unit, double ours, String data) {
        System.out.printf(Locale.ROOT, "BENCH {\"name\":\"%s\",\"metric\":\"%s\",\"unit\":\"%s\",\"ours\":%.1f,"
                + "\"peer\":null,\"peer_name\":null,\"ratio\":null,\"higher_is_better\":true,\"data\":\"%s\"}%n",
                name, metric, unit, ours, data);
    }

    private static List<String> summaries(Path table) throws Exception {
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(table), 1 << 16), StandardCharsets.UTF_8))) {
            String[] header = r.readLine().split("\t", -1);
            int column = List.of(header).indexOf("Gene_summary");
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] f = line.split("\t", -1);
                if (f.length > column && !f[column].isBlank()) {
                    out.add(f[column]);
                }
            }
        }
        return out;
    }
}

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;

import io.github.scllm.core.embed.local.WordPieceTokenizer;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Tokens per second of the pure-Java WordPiece tokenizer against HuggingFace's tokenizers (Rust, through DJL's JNI
 * binding) on the built-in model's tokenizer.json and every human gene summary, one text per call, truncation to 512,
 * special tokens added. Also counts the texts whose ids differ (expected: 0). Run by run.sh.
 */
public final class TokenizerBenchmark {

    public static void main(String[] args) throws Exception {
        List<String> texts = summaries(Path.of(args[0]).resolve("gene_summaries/refseq_gene_summary_human.tsv.gz"));
        Path json = Files.createTempFile("bge-tokenizer", ".json");
        try (InputStream in = TokenizerBenchmark.class.getClassLoader().getResourceAsStream("bge-small-en-v1.5-q-tokenizer.json")) {
            Files.write(json, in.readAllBytes());
        }
        WordPieceTokenizer ours = WordPieceTokenizer.load(json, 512);
        try (HuggingFaceTokenizer peer = HuggingFaceTokenizer.newInstance(json,
                Map.of("addSpecialTokens", "true", "truncation", "true", "maxLength", "512", "padding", "false"))) {
            int differing = 0;
            long tokens = 0;
            for (String t : texts) {
                int[] a = ours.encode(t);
                long[] b = peer.encode(t).getIds();
                tokens += a.length;
                if (!Arrays.equals(Arrays.stream(a).asLongStream().toArray(), b)) {
                    differing++;
                }
            }
            double oursBest = Double.MAX_VALUE;
            double peerBest = Double.MAX_VALUE;
            for (int rep = 0; rep < 3; rep++) {
                long start = System.nanoTime();
                long sink = 0;
                for (String t : texts) {
                    sink += ours.encode(t).length;
                }
                oursBest = Math.min(oursBest, (System.nanoTime() - start) / 1e9);
                start = System.nanoTime();
                for (String t : texts) {
                    sink += peer.encode(t).getIds().length;
                }
                peerBest = Math.min(peerBest, (System.nanoTime() - start) / 1e9);
                if (sink != 2 * tokens) {
                    throw new AssertionError("token counts changed between runs");
                }
            }
            double oursRate = tokens / oursBest;
            double peerRate = tokens / peerBest;
            System.out.printf(Locale.ROOT, "%d summaries, %d tokens; ids differ for %d texts%n", texts.size(), tokens, differing);
            System.out.printf(Locale.ROOT, "WordPieceTokenizer %.2f s = %.0f tokens/s; HuggingFace tokenizers (DJL) %.2f s = "
                    + "%.0f tokens/s%n", oursBest, oursRate, peerBest, peerRate);
            System.out.printf(Locale.ROOT, "BENCH {\"name\":\"wordpiece_tokenizer\",\"metric\":\"tokens_per_s\",\"unit\":"
                    + "\"tokens/s\",\"ours\":%.0f,\"peer\":%.0f,\"peer_name\":\"HuggingFace tokenizers via DJL 0.38.0\","
                    + "\"ratio\":%.2f,\"higher_is_better\":true,\"data\":\"refseq_gene_summary_human, %d summaries\"}%n",
                    oursRate, peerRate, oursRate / peerRate, texts.size());
        } finally {
            Files.deleteIfExists(json);
        }
    }

    private static List<String> summaries(Path table) throws Exception {
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(table), 1 << 16), StandardCharsets.UTF_8))) {
            int column = List.of(r.readLine().split("\t", -1)).indexOf("Gene_summary");
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

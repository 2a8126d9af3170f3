package io.github.scllm.core.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.EngineException;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.Printable;
import io.github.scllm.core.embed.CachedEmbedder;
import io.github.scllm.core.embed.EmbedderIdentity;
import io.github.scllm.core.embed.InvalidVectorException;
import io.github.scllm.core.embed.ProviderKind;
import io.github.scllm.core.embed.TextEmbedder;
import io.github.scllm.core.embed.local.LocalModels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scllm embed}: one vector per text of a TSV column, as the LLM Embed node computes them. */
@Command(name = "embed", description = "Embed the texts of one column of a TSV (e.g. the text column of describe) "
    + "and write the table again with an embedding column added (comma-separated numbers). Each distinct text is "
    + "embedded once, and vectors are kept in a persistent cache, so a re-run sends only texts not seen before.")
public final class EmbedCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "FILE.tsv",
        description = "A TSV with a header row (plain or .gz).")
    Path input;

    @Option(names = "--text-column", defaultValue = "text", paramLabel = "COL",
        description = "The column holding the texts (default: ${DEFAULT-VALUE}).")
    String textColumn;

    @Option(names = "--output-column", defaultValue = "embedding", paramLabel = "COL",
        description = "Name of the added column (default: ${DEFAULT-VALUE}).")
    String outputColumn;

    @Mixin
    EmbeddingOptions embedding = new EmbeddingOptions();

    @Option(names = "--threads", paramLabel = "N", description = "Threads of the local models (default: all cores).")
    Integer threads;

    @Option(names = "--out", required = true, paramLabel = "FILE.tsv", description = "The TSV to write.")
    Path out;

    @Option(names = "--json", description = "Print the counts (n_texts, n_sent, n_cached, dimension, seconds, "
        + "provider, model) as one JSON object.")
    boolean json;

    /** Opens the provider; a test may hand the command another. */
    EmbedderFactory embedders = EmbedderFactory.DEFAULT;

    @Override
    public Integer call() throws IOException {
        List<String> header;
        List<String[]> rows = new ArrayList<>();
        int textCol;
        try (TsvInput in = TsvInput.open(input, "Input table")) {
            header = in.header();
            textCol = in.column(textColumn, "--text-column");
            if (header.contains(outputColumn)) {
                throw new InvalidInputException("Input table " + input + " already has a column '" + outputColumn
                    + "'. Name the new column differently with --output-column.");
            }
            for (String[] row = in.next(); row != null; row = in.next()) {
                rows.add(row);
            }
        }
        // each distinct text once, whatever the cache does
        Map<String, Integer> slot = new LinkedHashMap<>();
        int[] slotOf = new int[rows.size()];
        int empty = 0;
        for (int i = 0; i < rows.size(); i++) {
            String text = rows.get(i)[textCol];
            if (text.isBlank()) {
                slotOf[i] = -1;
                empty++;
            } else {
                slotOf[i] = slot.computeIfAbsent(text, t -> slot.size());
            }
        }
        if (slot.isEmpty()) {
            throw new InvalidInputException("Column '" + textColumn + "' of " + input + " holds no text in its "
                + rows.size() + " rows. Choose the column with the texts with --text-column.");
        }

        long start = System.nanoTime();
        float[][] unique;
        EmbedderIdentity identity;
        int sent;
        int cached;
        String cacheWarning = null;
        long truncated;
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (n < 1) {
            throw new InvalidInputException("--threads must be at least 1, not " + n + ".");
        }
        ProviderKind kind = ProviderKind.fromId(embedding.provider);
        if (!kind.isRemote()) {
            // checked here so the message speaks of this command's choices
            LocalModels.unavailableReason().ifPresent(why -> {
                throw new EngineException("The " + kind.displayName() + " cannot run: " + why + " Choose a server "
                    + "with --provider openai, azure, openai-compatible or tei.");
            });
        }
        try (TextEmbedder embedder = embedders.open(embedding, n);
             ConsoleProgress progress = ConsoleProgress.forTerminal(spec.commandLine().getErr(), "embed")) {
            identity = embedder.identity();
            List<String> distinct = new ArrayList<>(slot.keySet());
            try {
                unique = embedder.embed(distinct, CancellationToken.NONE, progress);
            } catch (InvalidVectorException e) {
                throw atRow(e, rows, slotOf, textCol);
            }
            truncated = embedder.truncatedTexts();
            if (embedder instanceof CachedEmbedder c) {
                sent = c.lastStats().sent();
                cached = c.lastStats().fromCache();
                cacheWarning = c.lastStats().damagedWarning(c.cacheFile());
            } else {
                sent = unique.length;
                cached = 0;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int dimension = unique[0].length;
        for (int s = 0; s < unique.length; s++) {
            if (unique[s] == null || unique[s].length != dimension) {
                throw new EngineException("The " + identity + " returned vectors of different lengths (" + dimension
                    + " and " + (unique[s] == null ? 0 : unique[s].length) + "). Check the model the server runs; "
                    + "if the cache holds vectors of an older model, use another --cache folder.");
            }
        }

        try (AtomicOutput output = new AtomicOutput(out)) {
            BufferedWriter w = output.writer();
            w.write(String.join("\t", header) + '\t' + outputColumn + '\n');
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < rows.size(); i++) {
                line.setLength(0);
                line.append(String.join("\t", rows.get(i))).append('\t');
                if (slotOf[i] >= 0) {
                    appendVector(line, unique[slotOf[i]]);
                }
                w.write(line.append('\n').toString());
            }
            output.commit();
        }
        if (cacheWarning != null) {
            spec.commandLine().getErr().println("warning: " + cacheWarning);
        }
        report(rows.size() - empty, slot.size(), sent, cached, empty, truncated, dimension, seconds, identity);
        return ExitCodes.OK;
    }

    /** @return the failure restated with the input row (1-based, header not counted) of the text */
    private InvalidVectorException atRow(InvalidVectorException e, List<String[]> rows, int[] slotOf, int textCol) {
        for (int i = 0; i < slotOf.length; i++) {
            if (slotOf[i] == e.textIndex()) {
                return e.at(i, "row " + (i + 1) + " of " + input + " ('"
                    + Printable.escape(rows.get(i)[textCol], 60) + "')");
            }
        }
        return e;
    }

    private void report(int texts, int distinct, int sent, int cached, int empty, long truncated, int dimension,
            double seconds, EmbedderIdentity identity) throws IOException {
        var err = spec.commandLine().getErr();
        if (empty > 0) {
            err.printf("warning: %d rows have an empty text in column '%s'; their %s is empty.%n", empty, textColumn,
                outputColumn);
        }
        if (truncated > 0) {
            err.printf("warning: %d texts were longer than the model accepts and were shortened.%n", truncated);
        }
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("n_texts", texts);
            m.put("n_distinct", distinct);
            m.put("n_sent", sent);
            m.put("n_cached", cached);
            m.put("n_empty", empty);
            m.put("n_truncated", truncated);
            m.put("dimension", dimension);
            m.put("seconds", Math.round(seconds * 1000) / 1000.0);
            m.put("provider", identity.provider());
            m.put("model", identity.model());
            spec.commandLine().getOut().println(new ObjectMapper().writeValueAsString(m));
            spec.commandLine().getOut().flush();
        } else {
            err.printf("embedded %d texts (%d distinct: %d sent to %s, %d from the cache), %d dimensions, in %.1f s "
                + "-> %s%n", texts, distinct, sent, identity, cached, dimension, seconds, out);
        }
        err.flush();
    }

    /** Appends the components separated by commas, each with the digits that read back as the same float. */
    static void appendVector(StringBuilder b, float[] v) {
        for (int d = 0; d < v.length; d++) {
            if (d > 0) {
                b.append(',');
            }
            b.append(v[d]);
        }
    }
}

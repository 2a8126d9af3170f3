package io.github.scllm.core.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.embed.CellEmbedder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scllm cell-embed}: one vector per cell from its top genes' embeddings, as the Cell Embedding node does. */
@Command(name = "cell-embed", description = "Embed each cell as the weighted mean of the embeddings of its top genes "
    + "(GenePT-w): sum(weight x gene embedding) / sum(weight) over the top genes that have an embedding. Reads the "
    + "TSV of top-genes and a gene embedding TSV (describe, then embed) and writes cell_id, embedding; cells without "
    + "any embedded gene get an empty embedding.")
public final class CellEmbedCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--top-genes", required = true, paramLabel = "FILE.tsv",
        description = "The TSV of top-genes: a cell id column and comma-separated genes and weights per row.")
    Path topGenes;

    @Option(names = "--gene-embeddings", required = true, paramLabel = "FILE.tsv",
        description = "A TSV with one gene symbol and its embedding (comma-separated numbers) per row, e.g. the "
            + "output of embed on the output of describe.")
    Path geneEmbeddings;

    @Option(names = "--symbol-column", defaultValue = "symbol", paramLabel = "COL",
        description = "Gene symbol column of the gene embedding table (default: ${DEFAULT-VALUE}).")
    String symbolColumn;

    @Option(names = "--embedding-column", defaultValue = "embedding", paramLabel = "COL",
        description = "Embedding column of the gene embedding table (default: ${DEFAULT-VALUE}).")
    String embeddingColumn;

    @Option(names = "--cell-column", defaultValue = "cell_id", paramLabel = "COL",
        description = "Cell id column of the top genes table (default: ${DEFAULT-VALUE}).")
    String cellColumn;

    @Option(names = "--genes-column", defaultValue = "genes", paramLabel = "COL",
        description = "Comma-separated gene symbols of the top genes table (default: ${DEFAULT-VALUE}).")
    String genesColumn;

    @Option(names = "--weights-column", defaultValue = "weights", paramLabel = "COL",
        description = "Comma-separated weights of the top genes table, one per gene (default: ${DEFAULT-VALUE}).")
    String weightsColumn;

    @Option(names = "--uniform-weights", description = "Weigh every embedded gene 1 instead of its expression.")
    boolean uniformWeights;

    @Option(names = "--l2-normalize", description = "Scale every cell embedding to unit length.")
    boolean l2Normalize;

    @Option(names = "--out", required = true, paramLabel = "FILE.tsv", description = "The TSV to write.")
    Path out;

    @Option(names = "--json", description = "Print the counts as one JSON object.")
    boolean json;

    /** What the gene embedding table held: upper-cased symbol → vector, and rows without a vector. */
    record GeneTable(Map<String, float[]> vectors, int withoutEmbedding) {
    }

    @Override
    public Integer call() throws IOException {
        long start = System.nanoTime();
        GeneTable genes = readGeneEmbeddings(geneEmbeddings, symbolColumn, embeddingColumn);
        CellEmbedder embedder = new CellEmbedder(genes.vectors(), new CellEmbedder.Options(uniformWeights,
            l2Normalize));
        long cells = 0;
        long empty = 0;
        TreeSet<String> missing = new TreeSet<>();
        try (TsvInput in = TsvInput.open(topGenes, "Top genes table");
             AtomicOutput output = new AtomicOutput(out);
             ConsoleProgress progress = ConsoleProgress.forTerminal(spec.commandLine().getErr(), "cell embedding")) {
            int cellCol = in.column(cellColumn, "--cell-column");
            int genesCol = in.column(genesColumn, "--genes-column");
            int weightsCol = -1;
            if (!uniformWeights) {
                if (!in.header().contains(weightsColumn)) {
                    throw new InvalidInputException("Top genes table " + topGenes + " has no column '" + weightsColumn
                        + "'. Its columns are: " + String.join(", ", in.header()) + ". Choose one with "
                        + "--weights-column, or weigh all genes alike with --uniform-weights.");
                }
                weightsCol = in.column(weightsColumn, "--weights-column");
            }
            BufferedWriter w = output.writer();
            w.write("cell_id\tembedding\n");
            StringBuilder line = new StringBuilder();
            for (String[] row = in.next(); row != null; row = in.next()) {
                String[] symbols = row[genesCol].isEmpty() ? new String[0] : row[genesCol].split(",", -1);
                float[] weights = weightsCol < 0 ? new float[0] : weights(row[weightsCol], symbols.length, in);
                for (String s : symbols) {
                    if (!s.isBlank() && !embedder.hasGene(s)) {
                        missing.add(s.strip());
                    }
                }
                float[] cell = embedder.embed(symbols, weights);
                line.setLength(0);
                line.append(row[cellCol]).append('\t');
                if (cell == null) {
                    empty++;
                } else {
                    EmbedCommand.appendVector(line, cell);
                }
                w.write(line.append('\n').toString());
                if (++cells % 1024 == 0) {
                    progress.progress(in.fraction(), "cells");
                }
            }
            output.commit();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        report(cells, empty, genes, missing, embedder.dimension(), seconds);
        return ExitCodes.OK;
    }

    private float[] weights(String field, int genes, TsvInput in) {
        String[] parts = field.isEmpty() ? new String[0] : field.split(",", -1);
        if (parts.length != genes) {
            throw new InvalidInputException("Top genes table " + topGenes + ", line " + in.line() + ": " + genes
                + " genes in column '" + genesColumn + "' but " + parts.length + " weights in column '"
                + weightsColumn + "'. Write the table again with top-genes, or use --uniform-weights.");
        }
        float[] w = new float[genes];
        for (int k = 0; k < genes; k++) {
            try {
                w[k] = Float.parseFloat(parts[k].strip());
            } catch (NumberFormatException e) {
                w[k] = Float.NaN;
            }
            if (!Float.isFinite(w[k]) || w[k] < 0) {
                throw new InvalidInputException("Top genes table " + topGenes + ", line " + in.line() + ", column '"
                    + weightsColumn + "': weight " + (k + 1) + " '" + parts[k] + "' is not a number >= 0. Write the "
                    + "table again with top-genes, or use --uniform-weights.");
            }
        }
        return w;
    }

    /**
     * Reads gene symbol → embedding. Rows with an empty embedding (genes whose text was empty) are counted and left
     * out; the same symbol twice (case-insensitively) is accepted only with the same vector.
     *
     * @throws InvalidInputException naming the file, line and column of a missing column, a non-number, a vector of
     *                               another length, or a gene given two different vectors
     */
    static GeneTable readGeneEmbeddings(Path file, String symbolColumn, String embeddingColumn) {
        Map<String, float[]> vectors = new LinkedHashMap<>();
        Map<String, Long> lineOf = new HashMap<>();
        int withoutEmbedding = 0;
        int dimension = -1;
        long dimensionLine = 0;
        try (TsvInput in = TsvInput.open(file, "Gene embedding table")) {
            int symbolCol = in.column(symbolColumn, "--symbol-column");
            int embeddingCol = in.column(embeddingColumn, "--embedding-column");
            for (String[] row = in.next(); row != null; row = in.next()) {
                String symbol = row[symbolCol].strip();
                String field = row[embeddingCol].strip();
                if (symbol.isEmpty()) {
                    continue;
                }
                if (field.isEmpty()) {
                    withoutEmbedding++;
                    continue;
                }
                float[] v = parseVector(field, file, in.line(), embeddingColumn, symbol);
                if (dimension < 0) {
                    dimension = v.length;
                    dimensionLine = in.line();
                } else if (v.length != dimension) {
                    throw new InvalidInputException("Gene embedding table " + file + ", line " + in.line() + " (gene "
                        + symbol + "): " + v.length + " numbers in column '" + embeddingColumn + "' but line "
                        + dimensionLine + " has " + dimension + ". Embed all genes with the same model and settings.");
                }
                String key = symbol.toUpperCase(Locale.ROOT);
                Long earlier = lineOf.putIfAbsent(key, in.line());
                if (earlier != null) {
                    if (!Arrays.equals(vectors.get(key), v)) {
                        throw new InvalidInputException("Gene embedding table " + file + ": gene " + symbol + " on line "
                            + in.line() + " has another embedding than on line " + earlier + " (symbols match "
                            + "case-insensitively). Keep one row per gene.");
                    }
                    continue;
                }
                vectors.put(key, v);
            }
        }
        if (vectors.isEmpty()) {
            throw new InvalidInputException("Gene embedding table " + file + " has no gene with an embedding in column '"
                + embeddingColumn + "'. Embed the gene texts first: scllm embed --input DESCRIPTIONS.tsv --out FILE.tsv.");
        }
        return new GeneTable(vectors, withoutEmbedding);
    }

    /**
     * @return the comma-separated numbers of {@code field}
     * @throws InvalidInputException naming file, line, column and gene when a component is not a finite number
     */
    static float[] parseVector(String field, Path file, long line, String column, String symbol) {
        String[] parts = field.split(",", -1);
        float[] v = new float[parts.length];
        for (int d = 0; d < parts.length; d++) {
            try {
                v[d] = Float.parseFloat(parts[d].strip());
            } catch (NumberFormatException e) {
                v[d] = Float.NaN;
            }
            if (!Float.isFinite(v[d])) {
                throw new InvalidInputException("Gene embedding table " + file + ", line " + line + " (gene " + symbol
                    + "), column '" + column + "': component " + (d + 1) + " '" + parts[d] + "' is not a finite "
                    + "number. The column must hold comma-separated numbers, as embed writes them.");
            }
        }
        return v;
    }

    private void report(long cells, long empty, GeneTable genes, TreeSet<String> missing, int dimension,
            double seconds) throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        if (empty > 0) {
            err.printf("warning: %d of %d cells have no top gene with an embedding; their embedding is empty.%n",
                empty, cells);
        }
        if (!missing.isEmpty()) {
            err.printf("warning: %d distinct genes of the top genes table have no embedding and are left out of the "
                + "means (e.g. %s).%n", missing.size(), String.join(", ", missing.stream().limit(5).toList()));
        }
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("n_cells", cells);
            m.put("n_embedded", cells - empty);
            m.put("n_empty", empty);
            m.put("n_genes_with_embedding", genes.vectors().size());
            m.put("n_genes_without_embedding", genes.withoutEmbedding());
            m.put("n_missing_genes", missing.size());
            m.put("dimension", dimension);
            m.put("seconds", Math.round(seconds * 1000) / 1000.0);
            spec.commandLine().getOut().println(new ObjectMapper().writeValueAsString(m));
            spec.commandLine().getOut().flush();
        } else {
            err.printf("embedded %d of %d cells from %d gene embeddings, %d dimensions, in %.1f s -> %s%n",
                cells - empty, cells, genes.vectors().size(), dimension, seconds, out);
        }
        err.flush();
    }
}

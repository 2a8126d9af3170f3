package io.github.scllm.core.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.genes.ExclusionPreset;
import io.github.scllm.core.genes.HighlyVariableGenes;
import io.github.scllm.core.genes.HvgFlavor;
import io.github.scllm.core.genes.Normalization;
import io.github.scllm.core.genes.TopGenes;
import io.github.scllm.core.genes.TopGenesOptions;
import io.github.scllm.core.genes.TopGenesSelector;
import io.github.scllm.core.io.CellChunk;
import io.github.scllm.core.io.CellMatrixReader;
import io.github.scllm.core.io.InvalidValuePolicy;
import io.github.scllm.core.io.MatrixSummary;
import io.github.scllm.core.io.ValueKind;
import io.github.scllm.core.io.ValueKindDetector;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scllm top-genes}: each cell's most expressed genes, as the Top Genes node computes them. */
@Command(name = "top-genes", description = "Write each cell's top expressed genes and their weights to a TSV "
    + "(cell_id, genes, weights, sentence), genes in descending order of weight.")
public final class TopGenesCommand implements Callable<Integer> {
    private static final int CHUNK_CELLS = 4096;

    /** Normalisations by their command-line names. */
    enum Norm {
        none(Normalization.NONE), cp10k(Normalization.CP10K), log1p(Normalization.LOG1P_CP10K);

        final Normalization value;

        Norm(Normalization value) {
            this.value = value;
        }
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "The matrix file or folder.")
    Path input;

    @Mixin
    MatrixOptions matrixOptions;

    @Option(names = "--n", defaultValue = "20", description = "Genes per cell (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--normalize", defaultValue = "none", paramLabel = "none|cp10k|log1p",
        description = "Weights: the stored values, counts per 10k, or log1p of counts per 10k (default: "
            + "${DEFAULT-VALUE}; the ranking within a cell is the same).")
    Norm normalize;

    @Option(names = "--exclude", split = ",", paramLabel = "mito,ribo",
        description = "Leave out mitochondrial (^mt-, ^MT-) and/or ribosomal (^Rp[sl], ^RP[SL]) genes.")
    List<String> exclude = new ArrayList<>();

    @Option(names = "--exclude-pattern", paramLabel = "REGEX",
        description = "Leave out genes whose symbol matches this regular expression (repeatable).")
    List<String> excludePatterns = new ArrayList<>();

    @Option(names = "--hvg", paramLabel = "N", defaultValue = "0",
        description = "Rank only the N most highly variable genes of the whole input (0: all genes).")
    int hvg;

    @Option(names = "--out", required = true, paramLabel = "FILE.tsv", description = "The TSV to write.")
    Path out;

    @Override
    public Integer call() throws IOException {
        TopGenesOptions options = TopGenesOptions.DEFAULTS.withTopN(n).withNormalization(normalize.value)
            .withExclusionPresets(presets(exclude)).withExclusionPatterns(excludePatterns);
        if (hvg > 0) {
            options = options.withHighlyVariableGenes(hvg, HvgFlavor.SEURAT_DISPERSION);
        }
        try (CellMatrixReader reader = MatrixOptions.open(input, matrixOptions.toReadOptions(InvalidValuePolicy.REJECT),
            spec.commandLine().getErr());
             AtomicOutput output = new AtomicOutput(out)) {
            MatrixSummary summary = reader.summary();
            if (normalize != Norm.none && ValueKindDetector.detect(reader) == ValueKind.LOG_NORMALISED) {
                throw new InvalidInputException(input + " holds log-normalised values (told from its first cells); "
                    + "--normalize " + normalize + " would normalise them a second time. Use --normalize none (the "
                    + "values are the weights), or read the raw counts with --matrix raw or --matrix layer:NAME.");
            }
            HighlyVariableGenes stats = hvg > 0 ? highlyVariable(reader, summary) : null;
            TopGenesSelector selector = new TopGenesSelector(options, summary.geneSymbols(), stats);
            BufferedWriter w = output.writer();
            w.write("cell_id\tgenes\tweights\tsentence\n");
            try (ConsoleProgress progress = ConsoleProgress.forTerminal(spec.commandLine().getErr(), "top genes")) {
                for (long c = 0; c < summary.cellCount(); c += CHUNK_CELLS) {
                    CellChunk chunk = reader.read(c, CHUNK_CELLS);
                    for (TopGenes t : selector.selectAll(chunk, CancellationToken.NONE)) {
                        write(w, summary.cellIds()[Math.toIntExact(t.cell())], t);
                    }
                    progress.progress((c + chunk.count()) / (double) summary.cellCount(), "cells");
                }
            }
            output.commit();
            spec.commandLine().getErr().printf("wrote top %d genes of %,d cells to %s%n", n, summary.cellCount(), out);
            spec.commandLine().getErr().flush();
        }
        return ExitCodes.OK;
    }

    private HighlyVariableGenes highlyVariable(CellMatrixReader reader, MatrixSummary summary) {
        HighlyVariableGenes stats = new HighlyVariableGenes(summary.geneCount());
        try (ConsoleProgress progress = ConsoleProgress.forTerminal(spec.commandLine().getErr(), "variable genes")) {
            for (long c = 0; c < summary.cellCount(); c += CHUNK_CELLS) {
                CellChunk chunk = reader.read(c, CHUNK_CELLS);
                stats.add(chunk);
                progress.progress((c + chunk.count()) / (double) summary.cellCount(), "cells");
            }
        }
        return stats;
    }

    private static void write(BufferedWriter w, String cellId, TopGenes t) throws IOException {
        StringBuilder weights = new StringBuilder();
        for (int k = 0; k < t.size(); k++) {
            weights.append(k == 0 ? "" : ",").append(t.weights()[k]);
        }
        w.write(AtomicOutput.field(cellId) + '\t' + String.join(",", t.symbols()) + '\t' + weights + '\t'
            + t.sentence() + '\n');
    }

    static Set<ExclusionPreset> presets(List<String> names) {
        Set<ExclusionPreset> out = EnumSet.noneOf(ExclusionPreset.class);
        for (String name : names) {
            switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "mito", "mitochondrial" -> out.add(ExclusionPreset.MITOCHONDRIAL);
                case "ribo", "ribosomal" -> out.add(ExclusionPreset.RIBOSOMAL);
                case "" -> { }
                default -> throw new InvalidInputException("Unknown gene exclusion preset '" + name
                    + "': use mito and/or ribo, or --exclude-pattern REGEX.");
            }
        }
        return out;
    }
}

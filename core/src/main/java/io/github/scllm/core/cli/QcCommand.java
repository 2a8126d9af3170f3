package io.github.scllm.core.cli;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.genes.MarkerSource;
import io.github.scllm.core.io.CellMatrixReader;
import io.github.scllm.core.io.CellMatrixReaders;
import io.github.scllm.core.io.InvalidValuePolicy;
import io.github.scllm.core.io.MatrixSummary;
import io.github.scllm.core.qc.CellQc;
import io.github.scllm.core.qc.QcOptions;
import io.github.scllm.core.qc.QcResult;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scllm qc}: per-cell quality metrics, outlier flags and a keep flag, as the Cell QC node computes them. */
@Command(name = "qc", description = "Per-cell QC metrics (scanpy's names: total_counts, n_genes_by_counts, "
    + "pct_counts_mt, pct_counts_ribo, pct_counts_hb), outlier flags by median absolute deviations (as scater's "
    + "isOutlier) or fixed thresholds, and a keep flag, written to a TSV with one row per cell.")
public final class QcCommand implements Callable<Integer> {
    private static final int CHUNK_CELLS = 4096;

    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "The matrix file or folder (raw "
        + "counts).")
    Path input;

    @Mixin
    MatrixOptions matrixOptions;

    @Option(names = "--nmads", defaultValue = "3", description = "Median absolute deviations for the outlier flags "
        + "(log scale for counts and genes); 0 switches them off (default: ${DEFAULT-VALUE}).")
    double nmads;

    @Option(names = "--batch-column", paramLabel = "COL", description = "An obs column: outlier thresholds per "
        + "batch.")
    String batchColumn;

    @Option(names = "--mt-genes", paramLabel = "SYMBOLS", split = ",", description = "Mitochondrial gene symbols "
        + "(comma-separated); by default every gene starting with MT- or mt-.")
    List<String> mitochondrialGenes = new ArrayList<>();

    @Option(names = "--min-counts", defaultValue = "0", description = "Also flag cells with fewer total counts "
        + "(default: ${DEFAULT-VALUE}, off).")
    double minCounts;

    @Option(names = "--min-genes", defaultValue = "0", description = "Also flag cells with fewer detected genes "
        + "(default: ${DEFAULT-VALUE}, off).")
    int minGenes;

    @Option(names = "--max-pct-mt", defaultValue = "100", description = "Also flag cells with a higher "
        + "mitochondrial percentage (default: ${DEFAULT-VALUE}, off).")
    double maxPctMt;

    @Option(names = "--min-cells", defaultValue = "3", description = "Gene filter: genes detected in fewer cells "
        + "are flagged in the gene table (default: ${DEFAULT-VALUE}).")
    int minCells;

    @Option(names = "--out", required = true, paramLabel = "FILE.tsv", description = "The per-cell TSV to write.")
    Path out;

    @Option(names = "--summary", paramLabel = "FILE.tsv", description = "Also write the thresholds per metric and "
        + "batch.")
    Path summaryOut;

    @Option(names = "--genes", paramLabel = "FILE.tsv", description = "Also write the gene table (gene, "
        + "n_cells_by_counts, total_counts, keep).")
    Path genesOut;

    @Override
    public Integer call() throws IOException {
        QcOptions options = new QcOptions(nmads, new LinkedHashSet<>(mitochondrialGenes), minCounts, minGenes,
            maxPctMt, minCells);
        try (CellMatrixReader reader = CellMatrixReaders.open(input, matrixOptions.toReadOptions(
            InvalidValuePolicy.REJECT))) {
            MatrixSummary summary = reader.summary();
            String[] batches = batchColumn == null ? null : MatrixOptions.obsText(summary, batchColumn, input);
            QcResult r;
            try (ConsoleProgress progress = ConsoleProgress.forTerminal(spec.commandLine().getErr(), "qc")) {
                r = CellQc.compute(MarkerSource.of(reader, CHUNK_CELLS), summary.cellCount(), summary.geneSymbols(),
                    batches, options, CancellationToken.NONE, progress::progress);
            }
            writeCells(summary.cellIds(), r);
            if (summaryOut != null) {
                writeSummary(r);
            }
            if (genesOut != null) {
                writeGenes(summary.geneSymbols(), r);
            }
            if (r.mitochondrialGeneCount() == 0) {
                spec.commandLine().getErr().println("warning: no mitochondrial genes found (no symbol starts with MT-;"
                    + " give them with --mt-genes or --gene-column); pct_counts_mt is 0 for every cell");
            }
            spec.commandLine().getErr().printf("kept %d of %d cells and %d of %d genes; wrote %s%n", r.keptCells(),
                r.cellCount(), r.keptGenes(), summary.geneSymbols().length, out);
            spec.commandLine().getErr().flush();
        }
        return ExitCodes.OK;
    }

    private void writeCells(String[] ids, QcResult r) throws IOException {
        try (AtomicOutput output = new AtomicOutput(out)) {
            BufferedWriter w = output.writer();
            w.write(String.join("\t", "cell_id", CellQc.TOTAL_COUNTS, CellQc.N_GENES, CellQc.PCT_MT, CellQc.PCT_RIBO,
                CellQc.PCT_HB, "outlier_" + CellQc.TOTAL_COUNTS, "outlier_" + CellQc.N_GENES,
                "outlier_" + CellQc.PCT_MT, "keep") + "\n");
            for (int i = 0; i < r.cellCount(); i++) {
                w.write(AtomicOutput.field(ids[i]) + '\t' + num(r.totalCounts()[i]) + '\t' + r.genesDetected()[i]
                    + '\t' + num(r.pctMitochondrial()[i]) + '\t' + num(r.pctRibosomal()[i]) + '\t'
                    + num(r.pctHaemoglobin()[i]) + '\t' + r.lowCounts()[i] + '\t' + r.lowGenes()[i] + '\t'
                    + r.highMitochondrial()[i] + '\t' + r.keep()[i] + '\n');
            }
            output.commit();
        }
    }

    private void writeSummary(QcResult r) throws IOException {
        try (AtomicOutput output = new AtomicOutput(summaryOut)) {
            BufferedWriter w = output.writer();
            w.write("metric\tbatch\tmedian\tmad\tlower\tupper\tcells_flagged\n");
            for (QcResult.MetricThresholds t : r.thresholds()) {
                w.write(t.metric() + '\t' + AtomicOutput.field(t.thresholds().batch()) + '\t'
                    + num(t.thresholds().median()) + '\t' + num(t.thresholds().mad()) + '\t'
                    + num(t.thresholds().lower()) + '\t' + num(t.thresholds().upper()) + '\t' + t.flagged() + '\n');
            }
            output.commit();
        }
    }

    private void writeGenes(String[] symbols, QcResult r) throws IOException {
        try (AtomicOutput output = new AtomicOutput(genesOut)) {
            BufferedWriter w = output.writer();
            w.write("gene\tn_cells_by_counts\ttotal_counts\tkeep\n");
            for (int j = 0; j < symbols.length; j++) {
                w.write(AtomicOutput.field(symbols[j]) + '\t' + r.cellsPerGene()[j] + '\t' + num(r.geneTotals()[j])
                    + '\t' + r.keepGene()[j] + '\n');
            }
            output.commit();
        }
    }

    static String num(double v) {
        return String.format(Locale.ROOT, "%.10g", v);
    }
}

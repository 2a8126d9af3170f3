package io.github.scllm.core.cli;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.evaluate.ExpressionScale;
import io.github.scllm.core.genes.MarkerGene;
import io.github.scllm.core.genes.MarkerGenes;
import io.github.scllm.core.genes.MarkerGroups;
import io.github.scllm.core.genes.MarkerOptions;
import io.github.scllm.core.genes.MarkerResult;
import io.github.scllm.core.genes.MarkerSource;
import io.github.scllm.core.genes.MarkerTest;
import io.github.scllm.core.genes.Normalization;
import io.github.scllm.core.io.CellMatrixReader;
import io.github.scllm.core.io.InvalidValuePolicy;
import io.github.scllm.core.io.MatrixSummary;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scllm markers}: marker genes per group, as the Marker Genes node computes them. */
@Command(name = "markers", description = "Rank marker genes of each group (obs column) against all other cells and "
    + "write them to a TSV (group, rank, gene, score, logfoldchange, pvalue, pvalue_adj, pct_in, pct_out, mean_in, "
    + "mean_out).")
public final class MarkersCommand implements Callable<Integer> {
    private static final int CHUNK_CELLS = 4096;

    /** Tests by their command-line names. */
    enum Test {
        wilcoxon(MarkerTest.WILCOXON), welch(MarkerTest.WELCH_T);

        final MarkerTest value;

        Test(MarkerTest value) {
            this.value = value;
        }
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "The matrix file or folder.")
    Path input;

    @Mixin
    MatrixOptions matrixOptions;

    @Option(names = "--group-column", required = true, paramLabel = "COL",
        description = "The obs (metadata) column with the cluster or label of each cell.")
    String groupColumn;

    @Option(names = "--test", defaultValue = "wilcoxon", paramLabel = "wilcoxon|welch",
        description = "Wilcoxon rank-sum (as scanpy) or Welch's t-test (default: ${DEFAULT-VALUE}).")
    Test test;

    @Option(names = "--values", defaultValue = "auto", paramLabel = "auto|counts|lognorm",
        description = "What the matrix holds: counts (normalised to log1p(CP10k) here), log-normalised values (used "
            + "as they are, e.g. --matrix raw of a processed h5ad), or auto: told from the file's first cells "
            + "(default: ${DEFAULT-VALUE}).")
    AnnotationSteps.Values values;

    @Option(names = "--n", defaultValue = "100", description = "Genes per group, 0 for all (default: "
        + "${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--min-cells", defaultValue = "2", description = "Skip groups with fewer cells (default: "
        + "${DEFAULT-VALUE}).")
    int minCells;

    @Option(names = "--out", required = true, paramLabel = "FILE.tsv", description = "The TSV to write.")
    Path out;

    @Override
    public Integer call() throws IOException {
        try (CellMatrixReader reader = MatrixOptions.open(input, matrixOptions.toReadOptions(
            InvalidValuePolicy.REJECT), spec.commandLine().getErr()); AtomicOutput output = new AtomicOutput(out)) {
            MatrixSummary summary = reader.summary();
            String[] labels = MatrixOptions.obsText(summary, groupColumn, input);
            ExpressionScale scale = AnnotationSteps.scaleOf(values.scale, reader, input, spec.commandLine().getErr());
            MarkerOptions options = MarkerOptions.DEFAULTS.withTest(test.value).withTopPerGroup(n).withMinGroupCells(
                minCells).withNormalization(scale == ExpressionScale.LOG_NORMALIZED ? Normalization.NONE
                    : Normalization.LOG1P_CP10K);
            MarkerResult result;
            try (ConsoleProgress progress = ConsoleProgress.forTerminal(spec.commandLine().getErr(), "markers")) {
                result = MarkerGenes.compute(MarkerSource.of(reader, CHUNK_CELLS), summary.geneSymbols(),
                    MarkerGroups.fromLabels(labels), options, CancellationToken.NONE, progress::progress);
            }
            BufferedWriter w = output.writer();
            w.write("group\trank\tgene\tscore\tlogfoldchange\tpvalue\tpvalue_adj\tpct_in\tpct_out\tmean_in\t"
                + "mean_out\n");
            for (MarkerGene m : result.markers()) {
                w.write(AtomicOutput.field(m.group()) + '\t' + m.rank() + '\t' + AtomicOutput.field(m.symbol()) + '\t'
                    + num(m.score()) + '\t' + num(m.logFoldChange()) + '\t' + num(m.pValue()) + '\t'
                    + num(m.adjustedPValue()) + '\t' + num(m.fractionIn()) + '\t' + num(m.fractionOut()) + '\t'
                    + num(m.meanIn()) + '\t' + num(m.meanOut()) + '\n');
            }
            output.commit();
            result.skipped().forEach((g, why) -> spec.commandLine().getErr().printf("group '%s' not tested: %s%n", g,
                why));
            spec.commandLine().getErr().printf("wrote markers of %d groups to %s%n", result.testedGroups().size(),
                out);
            spec.commandLine().getErr().flush();
        }
        return ExitCodes.OK;
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}

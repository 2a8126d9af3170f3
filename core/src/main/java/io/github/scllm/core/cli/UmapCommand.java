package io.github.scllm.core.cli;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.classify.DistanceMetric;
import io.github.scllm.core.io.CellMatrixReader;
import io.github.scllm.core.io.CellMatrixReaders;
import io.github.scllm.core.io.InvalidValuePolicy;
import io.github.scllm.core.report.Umap;

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

/** {@code scllm umap}: PCA and a 2-D UMAP layout of every cell, as the UMAP node computes it. */
@Command(name = "umap", description = "Two-dimensional UMAP of the cells: PCA of the matrix (Expression PCA, all "
    + "cells), k-nearest-neighbour graph, UMAP connectivities, seeded layout; writes cell_id, umap_1, umap_2.")
public final class UmapCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "The matrix file or folder.")
    Path input;

    @Mixin
    MatrixOptions matrixOptions;

    @Mixin
    MatrixPca pca;

    @Mixin
    ClusterCommand.GraphOptions graph;

    @Option(names = "--min-dist", defaultValue = "0.1", description = "Smallest distance in the layout (default: "
        + "${DEFAULT-VALUE}).")
    double minDist;

    @Option(names = "--spread", defaultValue = "1.0", description = "Scale of the layout (default: "
        + "${DEFAULT-VALUE}).")
    double spread;

    @Option(names = "--epochs", defaultValue = "0", description = "Optimisation epochs, 0 for 500 up to 10,000 cells "
        + "and 200 above (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--out", required = true, paramLabel = "FILE.tsv", description = "The TSV to write.")
    Path out;

    @Override
    public Integer call() throws IOException {
        Umap.Options options = new Umap.Options(graph.neighbors, minDist, spread, epochs,
            Umap.Options.DEFAULTS.negativeSampleRate(), graph.seed, graph.threads > 0 ? graph.threads
                : Runtime.getRuntime().availableProcessors());
        try (CellMatrixReader reader = CellMatrixReaders.open(input, matrixOptions.toReadOptions(
            InvalidValuePolicy.REJECT)); AtomicOutput output = new AtomicOutput(out);
            ConsoleProgress progress = ConsoleProgress.forTerminal(spec.commandLine().getErr(), "umap")) {
            String[] ids = reader.summary().cellIds();
            float[][] vectors = pca.compute(reader, graph.seed, (f, m) -> progress.progress(0.3 * f, m));
            float[][] xy = Umap.layout(vectors, graph.metric == ClusterCommand.Metric.cosine ? DistanceMetric.COSINE
                : DistanceMetric.EUCLIDEAN, graph.exactUpTo, options, CancellationToken.NONE,
                (f, m) -> progress.progress(0.3 + 0.7 * f, m));
            BufferedWriter w = output.writer();
            w.write("cell_id\tumap_1\tumap_2\n");
            for (int i = 0; i < ids.length; i++) {
                w.write(AtomicOutput.field(ids[i]) + '\t' + String.format(Locale.ROOT, "%.6f\t%.6f", xy[i][0],
                    xy[i][1]) + '\n');
            }
            output.commit();
            spec.commandLine().getErr().printf("laid out %d cells; wrote %s%n", ids.length, out);
            spec.commandLine().getErr().flush();
        }
        return ExitCodes.OK;
    }
}

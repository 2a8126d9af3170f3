package io.github.scllm.core.cli;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.classify.DistanceMetric;
import io.github.scllm.core.cluster.CellClustering;
import io.github.scllm.core.cluster.ClusterOptions;
import io.github.scllm.core.cluster.Leiden;
import io.github.scllm.core.io.CellMatrixReader;
import io.github.scllm.core.io.CellMatrixReaders;
import io.github.scllm.core.io.InvalidValuePolicy;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scllm cluster}: PCA, neighbour graph and Leiden clusters, as the Cluster Cells node computes them. */
@Command(name = "cluster", description = "Cluster cells: PCA of the matrix (Expression PCA, all cells), "
    + "k-nearest-neighbour graph (exact, HNSW above --exact-up-to cells) with UMAP-connectivity or shared-neighbour "
    + "weights, Leiden communities; writes cell_id, cluster.")
public final class ClusterCommand implements Callable<Integer> {
    /** Quality functions by their command-line names. */
    enum Quality {
        modularity, cpm
    }

    /** Edge weights by their command-line names. */
    enum Weights {
        umap, snn
    }

    /** Distances by their command-line names. */
    enum Metric {
        euclidean, cosine
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "The matrix file or folder.")
    Path input;

    @Mixin
    MatrixOptions matrixOptions;

    @Mixin
    MatrixPca pca;

    @Mixin
    GraphOptions graph;

    @Option(names = "--quality", defaultValue = "modularity", paramLabel = "modularity|cpm",
        description = "What Leiden optimises (default: ${DEFAULT-VALUE}).")
    Quality quality;

    @Option(names = "--resolution", defaultValue = "1.0", description = "Resolution (default: ${DEFAULT-VALUE}).")
    double resolution;

    @Option(names = "--iterations", defaultValue = "-1", description = "Leiden iterations, -1 until stable "
        + "(default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--out", required = true, paramLabel = "FILE.tsv", description = "The TSV to write.")
    Path out;

    @Override
    public Integer call() throws IOException {
        Leiden.Options leiden = new Leiden.Options(quality == Quality.cpm ? Leiden.Quality.CPM
            : Leiden.Quality.MODULARITY, resolution, graph.seed, iterations, Leiden.Options.DEFAULTS.randomness());
        ClusterOptions options = graph.toOptions(leiden);
        try (CellMatrixReader reader = CellMatrixReaders.open(input, matrixOptions.toReadOptions(
            InvalidValuePolicy.REJECT)); AtomicOutput output = new AtomicOutput(out);
            ConsoleProgress progress = ConsoleProgress.forTerminal(spec.commandLine().getErr(), "cluster")) {
            String[] ids = reader.summary().cellIds();
            float[][] vectors = pca.compute(reader, graph.seed, (f, m) -> progress.progress(0.4 * f, m));
            CellClustering.Result r = CellClustering.cluster(vectors, options, CancellationToken.NONE,
                (f, m) -> progress.progress(0.4 + 0.6 * f, m));
            BufferedWriter w = output.writer();
            w.write("cell_id\tcluster\n");
            for (int i = 0; i < ids.length; i++) {
                w.write(AtomicOutput.field(ids[i]) + '\t' + r.labels()[i] + '\n');
            }
            output.commit();
            spec.commandLine().getErr().printf("%d clusters of %d cells (%s %.4f); wrote %s%n",
                r.partition().communities(), ids.length, quality, r.partition().quality(), out);
            spec.commandLine().getErr().flush();
        }
        return ExitCodes.OK;
    }

    /** Neighbour-graph options shared by the commands that build one. */
    static final class GraphOptions {
        @Option(names = "--n-neighbors", defaultValue = "15", description = "Neighbours per cell, itself included "
            + "(default: ${DEFAULT-VALUE}).")
        int neighbors;

        @Option(names = "--metric", defaultValue = "euclidean", paramLabel = "euclidean|cosine",
            description = "Distance between PCA vectors (default: ${DEFAULT-VALUE}).")
        Metric metric;

        @Option(names = "--weights", defaultValue = "umap", paramLabel = "umap|snn", description = "Edge weights: "
            + "UMAP connectivities (scanpy) or shared-neighbour Jaccard (Seurat) (default: ${DEFAULT-VALUE}).")
        Weights weights;

        @Option(names = "--exact-up-to", defaultValue = "100000", description = "Exact neighbour search up to this "
            + "many cells, HNSW above (default: ${DEFAULT-VALUE}).")
        int exactUpTo;

        @Option(names = "--seed", defaultValue = "0", description = "Seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--threads", defaultValue = "0", description = "Worker threads, 0 for all processors "
            + "(default: ${DEFAULT-VALUE}).")
        int threads;

        ClusterOptions toOptions(Leiden.Options leiden) {
            return new ClusterOptions(neighbors, metric == Metric.cosine ? DistanceMetric.COSINE
                : DistanceMetric.EUCLIDEAN, weights == Weights.snn ? ClusterOptions.Weighting.SNN
                    : ClusterOptions.Weighting.UMAP, exactUpTo, leiden, threads > 0 ? threads
                        : Runtime.getRuntime().availableProcessors());
        }
    }
}

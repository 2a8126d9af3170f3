package io.github.scllm.core.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.ProgressListener;
import io.github.scllm.core.SharedTestData;
import io.github.scllm.core.classify.PythonOracle;
import io.github.scllm.core.evaluate.CellData;
import io.github.scllm.core.evaluate.ExpressionScale;
import io.github.scllm.core.io.CellMatrixReader;
import io.github.scllm.core.io.CellMatrixReaders;
import io.github.scllm.core.io.ReadOptions;
import io.github.scllm.core.refine.ExpressionPca;
import io.github.scllm.core.refine.ExpressionRows;
import io.github.scllm.core.refine.PcaOptions;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Agreement with python3-leidenalg on the same graph (pbmc68k: PCA-50 of log1p CP10k counts, 15 neighbours, UMAP
 * connectivities or shared-neighbour Jaccard weights): quality within 1 % and adjusted Rand index at least 0.9 for
 * modularity at resolution 1, and the same for the constant Potts model's quality; the agreement of both with the file's own louvain column is reported. The reference is
 * computed at test time by {@code cluster/scripts/leiden_oracle.py}; skipped without leidenalg or the shared data.
 */
class LeidenAgreementTest {
    private static float[][] pca;
    private static String[] louvain;

    @TempDir
    Path tmp;

    @BeforeAll
    static void pbmcPca() throws Exception {
        Path folder = SharedTestData.path("pbmc68k_reduced/counts_10x_mtx");
        List<String> lines = Files.readAllLines(SharedTestData.file("pbmc68k_reduced/cell_labels.tsv"));
        louvain = lines.stream().skip(1).map(l -> l.split("\t")[2]).toArray(String[]::new);
        try (CellMatrixReader reader = CellMatrixReaders.open(folder, ReadOptions.DEFAULTS)) {
            CellData cells = CellData.read(reader, null, false, ExpressionScale.COUNTS, CancellationToken.NONE,
                ProgressListener.NONE);
            int[] all = new int[cells.cellCount()];
            Arrays.setAll(all, i -> i);
            ExpressionRows rows = cells.expressionRows(all);
            pca = ExpressionPca.fit(rows, null, PcaOptions.DEFAULTS.withThreads(2), CancellationToken.NONE,
                ProgressListener.NONE).transform(rows);
        }
    }

    @Test
    void modularityAndCpmAgreeWithLeidenalgOnTheSameGraphs() throws Exception {
        assumeTrue(PythonOracle.hasModules("leidenalg", "sklearn.metrics"),
            "system python3 lacks igraph, leidenalg or sklearn");
        ClusterOptions base = ClusterOptions.DEFAULTS.withThreads(2);
        List<ClusterOptions> cases = List.of(base, base.withWeighting(ClusterOptions.Weighting.SNN).withNeighbors(20),
            base.withLeiden(new Leiden.Options(Leiden.Quality.CPM, 0.05, 0L, -1, 0.01)));
        List<CellClustering.Result> ours = new ArrayList<>();
        List<String> args = new ArrayList<>();
        Path other = tmp.resolve("louvain.txt");
        Files.write(other, List.of(louvain));
        args.add(other.toString());
        for (int c = 0; c < cases.size(); c++) {
            CellClustering.Result r = CellClustering.cluster(pca, cases.get(c), CancellationToken.NONE,
                ProgressListener.NONE);
            ours.add(r);
            args.add(writeCase(c, r, cases.get(c).leiden()));
        }
        JsonNode all = PythonOracle.run(Path.of("src/test/resources/cluster/scripts/leiden_oracle.py"), args,
            tmp.resolve("oracle.json"));
        for (int c = 0; c < cases.size(); c++) {
            JsonNode r = all.get(c);
            Leiden.Result mine = ours.get(c).partition();
            ClusterOptions o = cases.get(c);
            double theirs = r.get("leidenalg_quality").asDouble();
            assertEquals(r.get("our_quality_by_igraph").asDouble(), mine.quality(), 1e-6 * Math.abs(mine.quality()),
                "our quality function disagrees with igraph/leidenalg on our own partition");
            assertTrue(mine.quality() >= theirs * 0.99, "quality " + mine.quality() + " vs leidenalg " + theirs);
            if (o.leiden().quality() == Leiden.Quality.MODULARITY) {
                assertTrue(r.get("ari_ours_vs_leidenalg").asDouble() >= 0.9, r.toString());
            }
            System.out.printf(Locale.ROOT, "Leiden %s %s k=%d on pbmc68k: quality %.5f (leidenalg %.5f, ratio "
                + "%.4f), %d clusters (leidenalg %d), ARI vs leidenalg %.3f, ARI vs louvain column %.3f (leidenalg "
                + "%.3f)%n", o.leiden().quality(), o.weighting(), o.nNeighbors(), mine.quality(), theirs,
                mine.quality() / theirs, mine.communities(), r.get("leidenalg_communities").asInt(),
                r.get("ari_ours_vs_leidenalg").asDouble(), r.get("ari_ours_vs_other").asDouble(),
                r.get("ari_leidenalg_vs_other").asDouble());
        }
    }

    /** Writes a graph and our partition for the script; returns the case argument. */
    private String writeCase(int c, CellClustering.Result ours, Leiden.Options leiden) throws Exception {
        WeightedGraph g = ours.graph();
        Path edges = tmp.resolve("edges" + c + ".tsv");
        try (BufferedWriter w = Files.newBufferedWriter(edges)) {
            for (int i = 0; i < g.nodes(); i++) {
                for (int e = g.offsets()[i]; e < g.offsets()[i + 1]; e++) {
                    if (g.targets()[e] > i) {
                        w.write(i + "\t" + g.targets()[e] + "\t" + String.format(Locale.ROOT, "%.17g",
                            g.weights()[e]) + "\n");
                    }
                }
            }
        }
        Path membership = tmp.resolve("ours" + c + ".txt");
        Files.write(membership, Arrays.stream(ours.partition().membership()).mapToObj(Integer::toString).toList());
        return edges + "," + g.nodes() + "," + (leiden.quality() == Leiden.Quality.MODULARITY ? "modularity" : "cpm")
            + "," + leiden.resolution() + "," + membership;
    }

    @Test
    void theSameSeedGivesTheSamePartitionAndClustersAreNumberedBySize() {
        ClusterOptions o = ClusterOptions.DEFAULTS.withThreads(2);
        CellClustering.Result a = CellClustering.cluster(pca, o, CancellationToken.NONE, ProgressListener.NONE);
        CellClustering.Result b = CellClustering.cluster(pca, o, CancellationToken.NONE, ProgressListener.NONE);
        assertArrayEquals(a.labels(), b.labels());
        int[] size = new int[a.partition().communities()];
        for (int m : a.partition().membership()) {
            size[m]++;
        }
        for (int c = 1; c < size.length; c++) {
            assertTrue(size[c - 1] >= size[c], Arrays.toString(size));
        }
    }
}

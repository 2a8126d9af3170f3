package io.github.scllm.core.evaluate;

import io.github.scllm.core.SharedTestData;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.ProgressListener;
import io.github.scllm.core.genes.Fallback;
import io.github.scllm.core.genes.GeneDescriptionLookup;
import io.github.scllm.core.genes.GeneInfoSource;
import io.github.scllm.core.genes.LookupResult;
import io.github.scllm.core.genes.Organism;
import io.github.scllm.core.genes.SummaryTableSource;
import io.github.scllm.core.io.CellMatrixReader;
import io.github.scllm.core.io.CellMatrixReaders;
import io.github.scllm.core.io.ReadOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The whole evaluation on real labelled data (seeds 1-5, stratified 80/20), with the deterministic test text embedder
 * standing in for a language model. The expression methods must land near the reference values of an independent
 * implementation; with hash vectors the description path can only use which genes are top-expressed, so it must land
 * near the reference's random-vector control. Bounds are about three reference standard deviations wide.
 */
@Tag("integration")
class RealDataEvaluationTest {

    private static Path data(String relative) {
        return SharedTestData.path(relative);
    }

    @Test
    void allMethodsOnPbmc68kLandNearTheReferenceValues() throws IOException {
        Path mtx = data("pbmc68k_reduced/counts_10x_mtx");
        Map<String, String> labels = new HashMap<>();
        List<String> lines = Files.readAllLines(data("pbmc68k_reduced/cell_labels.tsv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t");
            labels.put(f[0], f[1]);
        }
        CellData cells;
        try (CellMatrixReader reader = CellMatrixReaders.open(mtx, ReadOptions.DEFAULTS)) {
            cells = CellData.read(reader, null, false, ExpressionScale.COUNTS, CancellationToken.NONE,
                    ProgressListener.NONE).withLabels(labels, "cell_labels.tsv");
        }
        assertEquals(700, cells.cellCount());
        assertEquals(765, cells.expressionGeneCount());
        CellGenes genes = CellGenes.select(cells, 20, CancellationToken.NONE);
        LookupResult lookup = new GeneDescriptionLookup(Organism.HUMAN, List.of(
                SummaryTableSource.load(data("gene_summaries/refseq_gene_summary_human.tsv.gz")),
                GeneInfoSource.load(data("gene_summaries/Homo_sapiens.gene_info.gz"), Organism.HUMAN)),
                Fallback.SYMBOL_AND_NAME, null).lookup(genes.distinctSymbols(), CancellationToken.NONE,
                ProgressListener.NONE);
        GeneVectors vectors = GeneVectors.embed(lookup, new HashTextEmbedder(256), CancellationToken.NONE,
                ProgressListener.NONE);
        EvaluationReport r = Evaluation.run(cells, genes, vectors, EvaluationOptions.DEFAULTS
                .withSeeds(List.of(1L, 2L, 3L, 4L, 5L)), CancellationToken.NONE, ProgressListener.NONE);
        assertEquals(560, r.trainCells());
        assertEquals(140, r.testCells());
        Map<Method, EvaluationReport.Summary> by = summaries("pbmc68k_reduced", genes, vectors, r);
        within(by, Method.EXPRESSION_PCA_KNN, 0.77, 0.89);
        within(by, Method.LOGISTIC_REGRESSION, 0.82, 0.91);
        within(by, Method.TRANSDUCTIVE_PCA_CENTROID, 0.72, 0.90);
        within(by, Method.DESCRIPTION_KNN, 0.68, 0.84);
        within(by, Method.RANDOM_VECTORS_KNN, 0.68, 0.84);
        within(by, Method.DESCRIPTION_CONTRASTIVE_KNN, 0.66, 0.84);
        within(by, Method.HYBRID_CONTRASTIVE_KNN, 0.76, 0.90);
        within(by, Method.RANDOM_VECTORS_CONTRASTIVE_KNN, 0.68, 0.86);
        within(by, Method.RANDOM_HYBRID_CONTRASTIVE_KNN, 0.76, 0.90);
        double pcaMacro = by.get(Method.EXPRESSION_PCA_KNN).macroF1().mean();
        assertTrue(pcaMacro > 0.58 && pcaMacro < 0.76, "PCA-50 KNN macro F1 " + pcaMacro + ", reference .668");
    }

    @Test
    void allMethodsOnMouseLungLandNearTheReferenceValues() {
        CellData cells;
        try (CellMatrixReader reader = CellMatrixReaders.open(data("mouse_lung_aec2/mouse_lung_aec2_counts.h5ad"),
                ReadOptions.DEFAULTS)) {
            cells = CellData.read(reader, "cell_type", true, ExpressionScale.COUNTS, CancellationToken.NONE,
                    ProgressListener.NONE);
        }
        CellGenes genes = CellGenes.select(cells, 20, CancellationToken.NONE);
        LookupResult lookup = new GeneDescriptionLookup(Organism.MOUSE, List.of(
                SummaryTableSource.load(data("gene_summaries/gene_summary_mouse_with_human_orthologs.tsv.gz")),
                GeneInfoSource.load(data("gene_summaries/Mus_musculus.gene_info.gz"), Organism.MOUSE)),
                Fallback.SYMBOL_AND_NAME, null).lookup(genes.distinctSymbols(), CancellationToken.NONE,
                ProgressListener.NONE);
        GeneVectors vectors = GeneVectors.embed(lookup, new HashTextEmbedder(256), CancellationToken.NONE,
                ProgressListener.NONE);
        EvaluationReport r = Evaluation.run(cells, genes, vectors, EvaluationOptions.DEFAULTS
                .withSeeds(List.of(1L, 2L, 3L, 4L, 5L)), CancellationToken.NONE, ProgressListener.NONE);
        assertEquals(Map.of("Ciliated", 1), r.setAsideClasses());
        assertEquals(548, r.trainCells() + r.testCells());
        Map<Method, EvaluationReport.Summary> by = summaries("mouse_lung_aec2", genes, vectors, r);
        within(by, Method.EXPRESSION_PCA_KNN, 0.89, 0.97);
        within(by, Method.LOGISTIC_REGRESSION, 0.87, 0.96);
        within(by, Method.DESCRIPTION_KNN, 0.85, 0.94);
        within(by, Method.RANDOM_VECTORS_KNN, 0.85, 0.94);
        within(by, Method.DESCRIPTION_CONTRASTIVE_KNN, 0.85, 0.95);
        within(by, Method.HYBRID_CONTRASTIVE_KNN, 0.88, 0.97);
        within(by, Method.RANDOM_VECTORS_CONTRASTIVE_KNN, 0.85, 0.95);
        within(by, Method.RANDOM_HYBRID_CONTRASTIVE_KNN, 0.87, 0.97);
        double lrMacro = by.get(Method.LOGISTIC_REGRESSION).macroF1().mean();
        assertTrue(lrMacro > 0.65 && lrMacro < 0.92, "logistic regression macro F1 " + lrMacro + ", reference .808");
    }

    private static Map<Method, EvaluationReport.Summary> summaries(String name, CellGenes genes, GeneVectors vectors,
            EvaluationReport r) {
        Map<Method, EvaluationReport.Summary> by = new HashMap<>();
        System.out.printf("%s: %d top genes, %d described, %d name only, %d without text%n", name,
                genes.distinctSymbols().size(), vectors.described(), vectors.size() - vectors.described(),
                vectors.withoutText());
        for (EvaluationReport.Summary s : r.summaries()) {
            by.put(s.method(), s);
            System.out.printf(Locale.ROOT, "%-30s acc %.3f+-%.3f  macroF1 %.3f+-%.3f  wF1 %.3f+-%.3f  kappa %.3f%n",
                    s.method().id(), s.accuracy().mean(), s.accuracy().sd(), s.macroF1().mean(), s.macroF1().sd(),
                    s.weightedF1().mean(), s.weightedF1().sd(), s.kappa().mean());
        }
        return by;
    }

    private static void within(Map<Method, EvaluationReport.Summary> by, Method m, double low, double high) {
        double acc = by.get(m).accuracy().mean();
        assertTrue(acc >= low && acc <= high, m.id() + " accuracy " + acc + " outside [" + low + ", " + high + "]");
    }
}

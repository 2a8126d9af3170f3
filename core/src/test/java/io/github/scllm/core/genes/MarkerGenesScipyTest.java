package io.github.scllm.core.genes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.ProgressListener;
import io.github.scllm.core.classify.PythonOracle;
import io.github.scllm.core.io.AnnotationColumn;
import io.github.scllm.core.io.CellMatrixReader;
import io.github.scllm.core.io.CellMatrixReaders;
import io.github.scllm.core.io.MatrixChoice;
import io.github.scllm.core.io.ReadOptions;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Agreement with SciPy on real data: every group, every gene, both tests, to 1e-6 relative. The reference values
 * are computed at test time by the committed script {@code genes/scripts/markers_oracle.py}; the test is skipped
 * when the system interpreter lacks scipy or anndata, or the shared data are not configured.
 */
class MarkerGenesScipyTest {
    private static final double REL = 1e-6;

    @TempDir
    Path tmp;

    @Test
    void wilcoxonAndWelchMatchScipyOnPbmc68kLogNormalisedValues() throws Exception {
        Path file = TestData.file("pbmc68k_reduced/pbmc68k_reduced.h5ad");
        compare(file, MatrixChoice.RAW, "raw", "bulk_labels", Normalization.NONE, "none");
    }

    @Test
    void wilcoxonAndWelchMatchScipyOnMouseLungCountsAfterLog1pCp10k() throws Exception {
        Path file = TestData.file("mouse_lung_aec2/mouse_lung_aec2_counts.h5ad");
        compare(file, MatrixChoice.X, "X", "cell_type", Normalization.LOG1P_CP10K, "log1p_cp10k");
    }

    private void compare(Path file, MatrixChoice matrix, String matrixArg, String column, Normalization norm,
        String normArg) throws Exception {
        assumeTrue(PythonOracle.hasModules("scipy", "numpy", "anndata"), "system python3 lacks scipy or anndata");
        Path script = Path.of("src/test/resources/genes/scripts/markers_oracle.py");
        JsonNode want = PythonOracle.run(script, List.of(file.toString(), matrixArg, column, normArg),
            tmp.resolve("oracle.json"));
        MarkerResult wilcoxon;
        MarkerResult welch;
        String[] symbols;
        try (CellMatrixReader reader = CellMatrixReaders.open(file, ReadOptions.DEFAULTS.withMatrix(matrix))) {
            symbols = reader.summary().geneSymbols();
            AnnotationColumn labels = reader.summary().obs().column(column).orElseThrow();
            String[] perCell = new String[labels.size()];
            for (int c = 0; c < perCell.length; c++) {
                perCell[c] = labels.text(c);
            }
            MarkerGroups groups = MarkerGroups.fromLabels(perCell);
            MarkerSource source = MarkerSource.of(reader, 97);
            MarkerOptions all = MarkerOptions.DEFAULTS.withNormalization(norm).withTopPerGroup(0);
            wilcoxon = MarkerGenes.compute(source, symbols, groups, all, CancellationToken.NONE, ProgressListener.NONE);
            // a small buffer forces several gene blocks, so the blocked path is checked against SciPy too
            welch = MarkerGenes.compute(source, symbols, groups, all.withTest(MarkerTest.WELCH_T)
                .withBufferedValues(5000), CancellationToken.NONE, ProgressListener.NONE);
        }
        for (int g = 0; g < symbols.length; g++) {
            assertEquals(want.get("genes").get(g).asText(), symbols[g], "gene order");
        }
        JsonNode groups = want.get("groups");
        assertEquals(groups.size(), wilcoxon.testedGroups().size(), "tested groups " + wilcoxon.testedGroups());
        int checked = 0;
        for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) groups::fields) {
            String group = e.getKey();
            JsonNode w = e.getValue();
            MarkerGene[] wg = byGene(wilcoxon.markersOf(group), symbols.length);
            MarkerGene[] tg = byGene(welch.markersOf(group), symbols.length);
            for (int gene = 0; gene < symbols.length; gene++) {
                String where = group + " / " + symbols[gene];
                MarkerGene a = wg[gene];
                MarkerGene b = tg[gene];
                if (w.get("p_wilcoxon").get(gene).isNull()) {
                    assertEquals(0.0, a.score(), where + ": undefined Wilcoxon score reported as 0");
                    assertEquals(1.0, a.pValue(), where + ": undefined Wilcoxon p reported as 1");
                } else {
                    close(w, "U", gene, a.statistic(), 1e-9, where);
                    close(w, "z", gene, a.score(), 1e-9, where);
                    close(w, "p_wilcoxon", gene, a.pValue(), 1e-300, where);
                    checked++;
                }
                close(w, "padj_wilcoxon", gene, a.adjustedPValue(), 1e-300, where);
                if (w.get("p_t").get(gene).isNull()) {
                    assertEquals(1.0, b.pValue(), where + ": undefined Welch p reported as 1");
                } else {
                    close(w, "t", gene, b.statistic(), 1e-9, where);
                    close(w, "p_t", gene, b.pValue(), 1e-300, where);
                }
                close(w, "padj_t", gene, b.adjustedPValue(), 1e-300, where);
                close(w, "lfc", gene, a.logFoldChange(), 1e-9, where);
                close(w, "mean_in", gene, a.meanIn(), 1e-12, where);
                close(w, "mean_out", gene, b.meanOut(), 1e-12, where);
                close(w, "pct_in", gene, a.fractionIn(), 1e-12, where);
                close(w, "pct_out", gene, b.fractionOut(), 1e-12, where);
            }
        }
        if (!worst.isEmpty()) {
            StringBuilder sb = new StringBuilder("Deviations beyond " + REL + " relative:");
            worst.values().forEach(d -> sb.append("\n  ").append(d.message()).append(" (rel ").append(d.rel()).append(')'));
            fail(sb.toString());
        }
        assertTrue(checked > symbols.length, "too few defined Wilcoxon tests compared: " + checked);
    }

    private static MarkerGene[] byGene(List<MarkerGene> markers, int genes) {
        MarkerGene[] out = new MarkerGene[genes];
        for (MarkerGene m : markers) {
            out[m.gene()] = m;
        }
        for (int g = 0; g < genes; g++) {
            if (out[g] == null) {
                fail("gene " + g + " missing from a group's full marker list");
            }
        }
        return out;
    }

    /** Records the largest relative deviation per field, so one failure lists every field that is off. */
    private void close(JsonNode group, String field, int gene, double actual, double floor, String where) {
        JsonNode v = group.get(field).get(gene);
        if (v.isNull()) {
            return;
        }
        double expected = v.asDouble();
        double rel = Math.abs(actual - expected) / Math.max(Math.abs(expected), floor);
        if (!(rel <= REL) && !worst.containsKey(field) || worst.containsKey(field) && rel > worst.get(field).rel) {
            worst.put(field, new Deviation(rel, where + ": " + field + " is " + actual + ", SciPy " + expected));
        }
    }

    private record Deviation(double rel, String message) {
    }

    private final Map<String, Deviation> worst = new java.util.TreeMap<>();
}

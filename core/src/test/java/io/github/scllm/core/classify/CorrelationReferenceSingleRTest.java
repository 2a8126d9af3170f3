package io.github.scllm.core.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.ProgressListener;
import io.github.scllm.core.RPeer;
import io.github.scllm.core.SharedTestData;
import io.github.scllm.core.evaluate.CellData;
import io.github.scllm.core.evaluate.ExpressionScale;
import io.github.scllm.core.evaluate.Splits;
import io.github.scllm.core.io.CellMatrixReader;
import io.github.scllm.core.io.CellMatrixReaders;
import io.github.scllm.core.io.ReadOptions;
import io.github.scllm.core.refine.ExpressionRows;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The correlation-to-reference classifier against Debian's SingleR ({@code de.method = "classic"}) on the same
 * log-normalised values of the same genes: a stratified 50/50 split of each labelled public set, both fitted on the
 * first half and labelling the second.
 */
@Tag("integration")
class CorrelationReferenceSingleRTest {
    private static final Path SCRIPT = Path.of("src/test/resources/classify/singler_classic.R");

    @TempDir
    Path tmp;

    @Test
    void labelsAgreeWithSingleROnPbmc68k() throws IOException, InterruptedException {
        Map<String, String> labels = new HashMap<>();
        List<String> lines = Files.readAllLines(SharedTestData.file("pbmc68k_reduced/cell_labels.tsv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t");
            labels.put(f[0], f[1]);
        }
        CellData cells;
        try (CellMatrixReader reader = CellMatrixReaders.open(SharedTestData.path("pbmc68k_reduced/counts_10x_mtx"),
                ReadOptions.DEFAULTS)) {
            cells = CellData.read(reader, null, false, ExpressionScale.COUNTS, CancellationToken.NONE,
                    ProgressListener.NONE).withLabels(labels, "cell_labels.tsv");
        }
        agree("pbmc68k_reduced", cells);
    }

    @Test
    void labelsAgreeWithSingleROnMouseLung() throws IOException, InterruptedException {
        CellData cells;
        try (CellMatrixReader reader = CellMatrixReaders.open(
                SharedTestData.file("mouse_lung_aec2/mouse_lung_aec2_counts.h5ad"), ReadOptions.DEFAULTS)) {
            cells = CellData.read(reader, "cell_type", true, ExpressionScale.COUNTS, CancellationToken.NONE,
                    ProgressListener.NONE);
        }
        agree("mouse_lung_aec2", cells);
    }

    private void agree(String name, CellData cells) throws IOException, InterruptedException {
        assumeTrue(RPeer.hasPackages("SingleR"), "SingleR unavailable (Debian: r-bioc-singler)");
        String[] labels = cells.labels();
        Splits.Split split = Splits.stratified(labels, Splits.plan(labels).eligible(), 0.5, 1);
        String[] y = new String[split.train().length];
        for (int i = 0; i < y.length; i++) {
            y[i] = labels[split.train()[i]];
        }
        ExpressionRows reference = cells.expressionRows(split.train());
        ExpressionRows query = cells.expressionRows(split.test());
        Path ref = write(tmp.resolve("reference.csv"), reference);
        Path qry = write(tmp.resolve("query.csv"), query);
        Path refLabels = Files.write(tmp.resolve("reference_labels.txt"), List.of(y));
        Path out = tmp.resolve("singler.tsv");
        RPeer.run(SCRIPT, List.of(ref.toString(), refLabels.toString(), qry.toString(), out.toString()));
        List<String> rows = Files.readAllLines(out);
        assertEquals(query.rowCount() + 1, rows.size(), "one SingleR answer per query cell");

        long started = System.nanoTime();
        CorrelationReference fitted = CorrelationReference.fit(reference, y,
                CorrelationReferenceOptions.DEFAULTS.withPrune(false), CancellationToken.NONE, ProgressListener.NONE);
        List<Prediction> ours = fitted.predict(query, CancellationToken.NONE, ProgressListener.NONE);
        double seconds = (System.nanoTime() - started) / 1e9;
        List<Prediction> oursPruned = CorrelationReference.fit(reference, y, CorrelationReferenceOptions.DEFAULTS,
                CancellationToken.NONE, ProgressListener.NONE).predict(query, CancellationToken.NONE,
                ProgressListener.NONE);

        int same = 0;
        int samePruned = 0;
        int prunedThere = 0;
        int prunedHere = 0;
        int rightThere = 0;
        int rightHere = 0;
        for (int i = 0; i < query.rowCount(); i++) {
            String[] f = rows.get(i + 1).split("\t");
            String truth = labels[split.test()[i]];
            same += f[1].equals(ours.get(i).label()) ? 1 : 0;
            samePruned += f[2].equals(oursPruned.get(i).label()) ? 1 : 0;
            prunedThere += Classifier.UNKNOWN.equals(f[2]) ? 1 : 0;
            prunedHere += Classifier.UNKNOWN.equals(oursPruned.get(i).label()) ? 1 : 0;
            rightThere += f[1].equals(truth) ? 1 : 0;
            rightHere += ours.get(i).label().equals(truth) ? 1 : 0;
        }
        int n = query.rowCount();
        double agreement = (double) same / n;
        System.out.printf(Locale.ROOT, "%s: %d reference / %d query cells, %d marker genes of %d; labels agree with "
                + "SingleR on %.4f (%d of %d), pruned labels on %.4f (pruned: SingleR %d, ours %d); accuracy SingleR "
                + "%.4f, ours %.4f; ours %.2f s%n", name, y.length, n, fitted.markerGenes().length,
                reference.geneCount(), agreement, same, n, (double) samePruned / n, prunedThere, prunedHere,
                (double) rightThere / n, (double) rightHere / n, seconds);
        assertTrue(agreement >= 0.95, name + ": labels agree with SingleR on " + agreement + " of the query cells");
        assertTrue((double) samePruned / n >= 0.93, name + ": pruned labels agree with SingleR on "
                + (double) samePruned / n);
    }

    /** One row per cell (ID, then the values), genes named by position so both sides read the same columns. */
    private static Path write(Path file, ExpressionRows rows) throws IOException {
        float[] buf = new float[rows.geneCount()];
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            StringBuilder header = new StringBuilder("cell");
            for (int g = 0; g < rows.geneCount(); g++) {
                header.append(",g").append(g + 1);
            }
            w.write(header + "\n");
            for (int i = 0; i < rows.rowCount(); i++) {
                rows.copyRow(i, buf);
                StringBuilder line = new StringBuilder("c").append(i + 1);
                for (float x : buf) {
                    line.append(',').append(x == 0 ? "0" : Float.toString(x));
                }
                w.write(line + "\n");
            }
        }
        return file;
    }
}

package io.github.scllm.knime.cluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataTable;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.ProgressListener;
import io.github.scllm.core.evaluate.CellData;
import io.github.scllm.core.evaluate.ExpressionScale;
import io.github.scllm.core.io.CellMatrixReader;
import io.github.scllm.core.io.CellMatrixReaders;
import io.github.scllm.core.io.ReadOptions;
import io.github.scllm.core.refine.ExpressionPca;
import io.github.scllm.core.refine.ExpressionRows;
import io.github.scllm.core.refine.PcaOptions;
import io.github.scllm.knime.TestPaths;
import io.github.scllm.knime.refine.port.VectorColumns;
import io.github.scllm.shim.harness.Tables;

/** pbmc68k's 700 cells as a table of PCA vectors (50 components of log1p CP10k counts) and louvain labels. */
public final class ClusterTestData {
    private static float[][] pca;
    private static String[] barcodes;
    private static String[] louvain;

    private ClusterTestData() {
    }

    /** @return the PCA vectors, computed once */
    public static synchronized float[][] pca() throws Exception {
        if (pca == null) {
            try (CellMatrixReader reader = CellMatrixReaders.open(TestPaths.testData("pbmc68k_reduced/counts_10x_mtx"),
                ReadOptions.DEFAULTS)) {
                CellData cells = CellData.read(reader, null, false, ExpressionScale.COUNTS, CancellationToken.NONE,
                    ProgressListener.NONE);
                int[] all = new int[cells.cellCount()];
                Arrays.setAll(all, i -> i);
                ExpressionRows rows = cells.expressionRows(all);
                pca = ExpressionPca.fit(rows, null, PcaOptions.DEFAULTS.withThreads(2), CancellationToken.NONE,
                    ProgressListener.NONE).transform(rows);
                barcodes = cells.cellIds();
            }
            List<String> lines = java.nio.file.Files.readAllLines(TestPaths.testData(
                "pbmc68k_reduced/cell_labels.tsv"));
            louvain = lines.stream().skip(1).map(l -> l.split("\t")[2]).toArray(String[]::new);
        }
        return pca;
    }

    /** @return a table with RowIDs = barcodes, a louvain column and a PCA vector column */
    public static BufferedDataTable table() throws Exception {
        float[][] x = pca();
        DataTableSpec spec = new DataTableSpec(new DataColumnSpecCreator("louvain", StringCell.TYPE).createSpec(),
            VectorColumns.vectorSpec("PCA", x[0].length, "PC"));
        List<DataRow> rows = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            rows.add(Tables.row(barcodes[i], new StringCell(louvain[i]), VectorColumns.vectorCell(x[i])));
        }
        return Tables.table(spec, rows);
    }
}

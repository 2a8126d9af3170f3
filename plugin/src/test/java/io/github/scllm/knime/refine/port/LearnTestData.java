package io.github.scllm.knime.refine.port;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.StringCell;
import org.knime.core.data.vector.doublevector.DoubleVectorValue;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettings;

import io.github.scllm.core.io.CellChunk;
import io.github.scllm.core.io.CellMatrixReader;
import io.github.scllm.core.io.CellMatrixReaders;
import io.github.scllm.core.io.ReadOptions;
import io.github.scllm.knime.TestPaths;
import io.github.scllm.knime.data.ExpressionCell;
import io.github.scllm.shim.harness.NodeHarness;
import io.github.scllm.shim.harness.Tables;

/** Tables for the tests of the learning nodes: labelled vector clusters, count matrices, the real PBMC set. */
public final class LearnTestData {
    private LearnTestData() {
    }

    /**
     * Changes some settings of a node model the way the dialog or flow variables would.
     *
     * @param model the node model
     * @param keysAndValues alternating keys and values (Integer, Double, Boolean, String or String[])
     * @return the model
     */
    public static <M extends NodeModel> M set(M model, Object... keysAndValues) throws InvalidSettingsException {
        NodeSettings s = NodeHarness.saveSettings(model);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            String k = (String) keysAndValues[i];
            Object v = keysAndValues[i + 1];
            if (v instanceof Integer n) {
                s.addInt(k, n);
            } else if (v instanceof Double d) {
                s.addDouble(k, d);
            } else if (v instanceof Boolean b) {
                s.addBoolean(k, b);
            } else if (v instanceof String[] a) {
                s.addStringArray(k, a);
            } else {
                s.addString(k, (String) v);
            }
        }
        NodeHarness.loadSettings(model, s);
        return model;
    }

    /** Labels "A", "B", "C", ... cycling over the rows. */
    public static String[] labels(int n, int classes) {
        String[] l = new String[n];
        for (int i = 0; i < n; i++) {
            l[i] = String.valueOf((char) ('A' + i % classes));
        }
        return l;
    }

    /** Gaussian clusters: row i lies around a class-specific direction of its label (i % classes). */
    public static float[][] clusters(int n, int dim, int classes, double separation, long seed) {
        Random r = new Random(seed);
        float[][] x = new float[n][dim];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < dim; j++) {
                x[i][j] = (float) (r.nextGaussian() + (j % classes == i % classes ? separation : 0));
            }
        }
        return x;
    }

    /**
     * @param names column names of the vector blocks
     * @param labels labels, or null for no label column
     * @param blocks one matrix per vector column (a null row gives a missing cell)
     * @return a table with RowIDs cell1.., the vector columns (with element names) and "label"
     */
    public static BufferedDataTable vectorTable(String[] names, String[] labels, float[][]... blocks) {
        List<DataColumnSpec> cols = new ArrayList<>();
        for (int b = 0; b < blocks.length; b++) {
            cols.add(VectorColumns.vectorSpec(names[b], blocks[b][0].length, "x"));
        }
        if (labels != null) {
            cols.add(new DataColumnSpecCreator("label", StringCell.TYPE).createSpec());
        }
        DataTableSpec spec = new DataTableSpec(cols.toArray(DataColumnSpec[]::new));
        List<DataRow> rows = new ArrayList<>();
        for (int i = 0; i < blocks[0].length; i++) {
            List<DataCell> cells = new ArrayList<>();
            for (float[][] b : blocks) {
                cells.add(b[i] == null ? DataType.getMissingCell() : VectorColumns.vectorCell(b[i]));
            }
            if (labels != null) {
                cells.add(labels[i] == null ? DataType.getMissingCell() : new StringCell(labels[i]));
            }
            rows.add(new DefaultRow("cell" + (i + 1), cells));
        }
        return Tables.table(spec, rows);
    }

    /** @return the vectors of a vector column, as floats */
    public static float[][] vectors(BufferedDataTable t, String column) {
        int c = t.getDataTableSpec().findColumnIndex(column);
        List<float[]> out = new ArrayList<>();
        for (DataRow row : Tables.rows(t)) {
            DoubleVectorValue v = (DoubleVectorValue) row.getCell(c);
            float[] f = new float[v.getLength()];
            for (int j = 0; j < f.length; j++) {
                f[j] = (float) v.getValue(j);
            }
            out.add(f);
        }
        return out.toArray(float[][]::new);
    }

    /** Synthetic counts: genes 0..classes-1 are markers of the classes, the rest noise; some zeros. */
    public static float[][] counts(int n, int genes, int classes, long seed) {
        Random r = new Random(seed);
        float[][] x = new float[n][genes];
        for (int i = 0; i < n; i++) {
            for (int g = 0; g < genes; g++) {
                double rate = 2 + (g % classes == i % classes ? 8 : 0) + (g % 7);
                x[i][g] = r.nextDouble() < 0.25 ? 0 : (float) Math.floor(rate * r.nextDouble() * 2);
            }
        }
        return x;
    }

    /** @return an ExpressionCell of a dense row (zeros dropped) */
    public static ExpressionCell expressionCell(float[] dense) {
        int nz = 0;
        for (float v : dense) {
            nz += v != 0 ? 1 : 0;
        }
        int[] idx = new int[nz];
        float[] val = new float[nz];
        int k = 0;
        for (int g = 0; g < dense.length; g++) {
            if (dense[g] != 0) {
                idx[k] = g;
                val[k++] = dense[g];
            }
        }
        return new ExpressionCell(dense.length, idx, val);
    }

    /**
     * @param genes gene names (element names of the expression column)
     * @param dense one dense row per cell
     * @param labels labels or null
     * @return a table like Read scRNA's cell table: "cell_type" (when labelled) and "Expression"
     */
    public static BufferedDataTable expressionTable(String[] genes, float[][] dense, String[] labels) {
        List<DataColumnSpec> cols = new ArrayList<>();
        if (labels != null) {
            cols.add(new DataColumnSpecCreator("cell_type", StringCell.TYPE).createSpec());
        }
        DataColumnSpecCreator e = new DataColumnSpecCreator("Expression", ExpressionCell.TYPE);
        e.setElementNames(genes);
        cols.add(e.createSpec());
        List<DataRow> rows = new ArrayList<>();
        for (int i = 0; i < dense.length; i++) {
            List<DataCell> cells = new ArrayList<>();
            if (labels != null) {
                cells.add(new StringCell(labels[i]));
            }
            cells.add(expressionCell(dense[i]));
            rows.add(new DefaultRow("cell" + (i + 1), cells));
        }
        return Tables.table(new DataTableSpec(cols.toArray(DataColumnSpec[]::new)), rows);
    }

    /** @return gene names g1..gn */
    public static String[] geneNames(int n) {
        String[] g = new String[n];
        for (int i = 0; i < n; i++) {
            g[i] = "g" + (i + 1);
        }
        return g;
    }

    /** The real labelled PBMC set: raw counts, gene symbols, bulk labels. */
    public record Pbmc(String[] genes, String[] cellIds, float[][] counts, String[] labels) {
    }

    /** @return pbmc68k_reduced's raw counts (700 x 765) with bulk_labels; skips without the test data */
    public static Pbmc pbmc() throws IOException {
        Path dir = TestPaths.testData("pbmc68k_reduced");
        Map<String, String> byBarcode = new HashMap<>();
        List<String> lines = Files.readAllLines(dir.resolve("cell_labels.tsv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t");
            byBarcode.put(f[0], f[1]);
        }
        try (CellMatrixReader reader = CellMatrixReaders.open(
            TestPaths.testData("pbmc68k_reduced/counts_10x_mtx/matrix.mtx.gz"), ReadOptions.DEFAULTS)) {
            int n = reader.summary().cellCount();
            int genes = reader.summary().geneCount();
            CellChunk chunk = reader.read(0, n);
            float[][] dense = new float[n][genes];
            String[] labels = new String[n];
            for (int i = 0; i < n; i++) {
                int[] g = chunk.genesOf(i);
                float[] v = chunk.valuesOf(i);
                for (int k = 0; k < g.length; k++) {
                    dense[i][g[k]] = v[k];
                }
                labels[i] = byBarcode.get(reader.summary().cellIds()[i]);
                if (labels[i] == null) {
                    throw new AssertionError("no label for cell " + reader.summary().cellIds()[i]);
                }
            }
            return new Pbmc(reader.summary().geneSymbols(), reader.summary().cellIds(), dense, labels);
        }
    }
}

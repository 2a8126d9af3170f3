package io.github.scllm.knime.embed.cellembed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.collection.CollectionCellFactory;
import org.knime.core.data.collection.ListCell;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.data.vector.doublevector.DoubleVectorCellFactory;
import org.knime.core.data.vector.doublevector.DoubleVectorValue;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;

import io.github.scllm.knime.StreamedRows;
import io.github.scllm.knime.embed.EmbeddingColumns;
import io.github.scllm.shim.harness.NodeHarness;
import io.github.scllm.shim.harness.RecordingExecution;
import io.github.scllm.shim.harness.Streaming;
import io.github.scllm.shim.harness.Tables;

class CellEmbeddingNodeModelTest {
    private static final DataTableSpec CELLS = Tables.spec("cell_type", StringCell.TYPE, "Top genes",
        ListCell.getCollectionType(StringCell.TYPE), "Top gene weights", ListCell.getCollectionType(DoubleCell.TYPE));

    private static final DataTableSpec GENES = new DataTableSpec(
        new org.knime.core.data.DataColumnSpecCreator("Gene", StringCell.TYPE).createSpec(),
        EmbeddingColumns.spec("Embedding", Map.of(EmbeddingColumns.PROVIDER, "openai", EmbeddingColumns.MODEL,
            "text-embedding-ada-002", EmbeddingColumns.DIMENSION, "2")));

    private static DataCell genes(String... symbols) {
        List<DataCell> c = new ArrayList<>();
        for (String s : symbols) {
            c.add(new StringCell(s));
        }
        return CollectionCellFactory.createListCell(c);
    }

    private static DataCell weights(double... w) {
        List<DataCell> c = new ArrayList<>();
        for (double d : w) {
            c.add(new DoubleCell(d));
        }
        return CollectionCellFactory.createListCell(c);
    }

    private static BufferedDataTable cells() {
        return Tables.table(CELLS,
            Tables.row("c1", new StringCell("T"), genes("CD3E", "cd3d"), weights(3, 1)),
            Tables.row("c2", new StringCell("B"), genes("MS4A1", "NOTEMBEDDED"), weights(2, 5)),
            Tables.row("c3", new StringCell("?"), genes("UNKNOWN1", "UNKNOWN2"), weights(1, 1)),
            Tables.row("c4", new StringCell("?"), DataType.getMissingCell(), DataType.getMissingCell()));
    }

    private static BufferedDataTable geneVectors() {
        return Tables.table(GENES,
            Tables.row("g1", new StringCell("CD3E"), DoubleVectorCellFactory.createCell(new double[] {1, 0})),
            Tables.row("g2", new StringCell("CD3D"), DoubleVectorCellFactory.createCell(new double[] {0, 1})),
            Tables.row("g3", new StringCell("MS4A1"), DoubleVectorCellFactory.createCell(new double[] {3, 4})),
            Tables.row("g4", DataType.getMissingCell(), DoubleVectorCellFactory.createCell(new double[] {9, 9})));
    }

    private static CellEmbeddingNodeModel model(String... keyValues) throws InvalidSettingsException {
        CellEmbeddingNodeModel m = new CellEmbeddingNodeModel();
        NodeSettings s = NodeHarness.saveSettings(m);
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i].equals("uniform_weights") || keyValues[i].equals("l2_normalize")) {
                s.addBoolean(keyValues[i], Boolean.parseBoolean(keyValues[i + 1]));
            } else {
                s.addString(keyValues[i], keyValues[i + 1]);
            }
        }
        NodeHarness.loadSettings(m, s);
        return m;
    }

    private static List<double[]> run(CellEmbeddingNodeModel m) throws Exception {
        DataTableSpec configured = NodeHarness.configureTables(m, CELLS, GENES)[0];
        BufferedDataTable out = NodeHarness.executeTables(m, new RecordingExecution(), cells(), geneVectors())[0];
        assertEquals(configured, out.getDataTableSpec());
        int col = out.getDataTableSpec().findColumnIndex("Cell embedding");
        List<double[]> v = new ArrayList<>();
        for (DataRow r : Tables.rows(out)) {
            DataCell c = r.getCell(col);
            if (c.isMissing()) {
                v.add(null);
            } else {
                DoubleVectorValue d = (DoubleVectorValue)c;
                v.add(new double[] {d.getValue(0), d.getValue(1)});
            }
        }
        return v;
    }

    @Test
    void eachCellIsTheExpressionWeightedMeanOfItsEmbeddedTopGenes() throws Exception {
        CellEmbeddingNodeModel m = model();
        List<double[]> v = run(m);
        assertArrayEquals(new double[] {0.75, 0.25}, v.get(0), 1e-6);
        assertArrayEquals(new double[] {3, 4}, v.get(1), 1e-6, "a gene without embedding is left out");
        assertEquals(null, v.get(2));
        assertEquals(null, v.get(3));
        String w = NodeHarness.warning(m).getSummary();
        assertTrue(w.contains("1 cells have no top gene with an embedding"), w);
        assertTrue(w.contains("1 cells have a missing gene or weight list"), w);
        assertTrue(w.contains("1 gene rows with a missing symbol"), w);
    }

    @Test
    void streamingGivesTheRowsOfExecuteInPartitionsAndWarnsAlike() throws Exception {
        StreamedRows.assertStreamsLikeExecute(() -> model("l2_normalize", "true"), new int[] {1, 2, 4}, cells(),
            geneVectors());
        CellEmbeddingNodeModel m = model();
        Streaming.run(m, new RecordingExecution(), 1, cells(), geneVectors());
        String w = NodeHarness.warning(m).getSummary();
        assertTrue(w.contains("1 cells have no top gene with an embedding"), w);
    }

    @Test
    void uniformWeightsAndL2NormalisationChangeTheCombination() throws Exception {
        assertArrayEquals(new double[] {0.5, 0.5}, run(model("uniform_weights", "true")).get(0), 1e-6);
        double s = Math.sqrt(0.75 * 0.75 + 0.25 * 0.25);
        assertArrayEquals(new double[] {0.75 / s, 0.25 / s}, run(model("l2_normalize", "true")).get(0), 1e-6);
        assertArrayEquals(new double[] {0.6, 0.8}, run(model("l2_normalize", "true")).get(1), 1e-6);
    }

    @Test
    void theOutputColumnKeepsTheGeneEmbeddingsIdentity() throws Exception {
        CellEmbeddingNodeModel m = model();
        DataColumnSpec c = NodeHarness.configureTables(m, CELLS, GENES)[0].getColumnSpec("Cell embedding");
        assertEquals("text-embedding-ada-002", c.getProperties().getProperty(EmbeddingColumns.MODEL));
        assertEquals("2", c.getProperties().getProperty(EmbeddingColumns.DIMENSION));
        assertEquals("expression-weighted mean", c.getProperties().getProperty(EmbeddingColumns.CELL_METHOD));
        assertEquals("Gene", NodeHarness.saveSettings(m).getString("symbol_column"));
        assertEquals("Embedding", NodeHarness.saveSettings(m).getString("vector_column"));
    }

    @Test
    void aCellTableWithoutTopGenesFailsConfigureNamingTheProducer() throws Exception {
        CellEmbeddingNodeModel m = model("genes_column", "genes");
        InvalidSettingsException x = assertThrows(InvalidSettingsException.class,
            () -> NodeHarness.configureTables(m, CELLS, GENES));
        assertTrue(x.getMessage().contains("'genes'") && x.getMessage().contains("Top Genes"), x.getMessage());
    }

    @Test
    void settingsRoundTripThroughXml() throws Exception {
        CellEmbeddingNodeModel m = model("uniform_weights", "true", "output_column", "cell vec");
        NodeSettings reloaded = NodeHarness.settingsRoundTrip(m, new CellEmbeddingNodeModel());
        assertEquals(NodeHarness.toXml(NodeHarness.saveSettings(m)), NodeHarness.toXml(reloaded));
        assertTrue(reloaded.getBoolean("uniform_weights"));
    }
}

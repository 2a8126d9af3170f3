package io.github.scllm.knime.annotate.markers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.IntValue;
import org.knime.core.data.StringValue;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.ProgressListener;
import io.github.scllm.core.genes.MarkerGene;
import io.github.scllm.core.genes.MarkerGenes;
import io.github.scllm.core.genes.MarkerGroups;
import io.github.scllm.core.genes.MarkerOptions;
import io.github.scllm.core.genes.MarkerResult;
import io.github.scllm.core.genes.MarkerSource;
import io.github.scllm.core.genes.Normalization;
import io.github.scllm.core.io.AnnotationColumn;
import io.github.scllm.core.io.CellChunk;
import io.github.scllm.core.io.CellMatrixReader;
import io.github.scllm.core.io.CellMatrixReaders;
import io.github.scllm.core.io.MatrixChoice;
import io.github.scllm.core.io.ReadOptions;
import io.github.scllm.knime.TestPaths;
import io.github.scllm.knime.data.ExpressionCell;
import io.github.scllm.shim.harness.NodeHarness;
import io.github.scllm.shim.harness.RecordingExecution;
import io.github.scllm.shim.harness.Tables;

class MarkerGenesNodeModelTest {

    /** A cell table as Read scRNA writes it: a group column and an expression column named by gene symbols. */
    static BufferedDataTable cells(String[] symbols, String[] groups, CellChunk chunk) {
        DataColumnSpecCreator expr = new DataColumnSpecCreator("Expression", ExpressionCell.TYPE);
        expr.setElementNames(symbols);
        DataTableSpec spec = new DataTableSpec(new DataColumnSpecCreator("cluster", StringCell.TYPE).createSpec(),
            expr.createSpec());
        List<DataRow> rows = new ArrayList<>();
        for (int c = 0; c < chunk.count(); c++) {
            DataCell g = groups[c] == null ? DataType.getMissingCell() : new StringCell(groups[c]);
            rows.add(Tables.row("cell" + c, g, new ExpressionCell(symbols.length, chunk.genesOf(c),
                chunk.valuesOf(c))));
        }
        return Tables.table(spec, rows);
    }

    static MarkerGenesNodeModel model(String... keyValues) throws InvalidSettingsException {
        MarkerGenesNodeModel m = new MarkerGenesNodeModel();
        NodeSettings s = NodeHarness.saveSettings(m);
        s.addString("group_column", "cluster");
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i].equals("genes_per_group") || keyValues[i].equals("min_group_cells")) {
                s.addInt(keyValues[i], Integer.parseInt(keyValues[i + 1]));
            } else {
                s.addString(keyValues[i], keyValues[i + 1]);
            }
        }
        NodeHarness.loadSettings(m, s);
        return m;
    }

    /** 30 cells x 8 genes of random counts; gene k is raised in cluster k (k = 0, 1, 2). */
    private static CellChunk planted(String[] groups) {
        Random rnd = new Random(3);
        int n = groups.length;
        int[] offsets = new int[n + 1];
        List<Integer> genes = new ArrayList<>();
        List<Float> values = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            groups[c] = String.valueOf(c % 3);
            for (int g = 0; g < 8; g++) {
                int v = rnd.nextInt(3) + (g == c % 3 ? 12 : 0);
                if (v > 0) {
                    genes.add(g);
                    values.add((float) v);
                }
            }
            offsets[c + 1] = genes.size();
        }
        float[] v = new float[values.size()];
        for (int k = 0; k < v.length; k++) {
            v[k] = values.get(k);
        }
        return new CellChunk(0, offsets, genes.stream().mapToInt(Integer::intValue).toArray(), v);
    }

    private static final String[] SYMBOLS = {"G0", "G1", "G2", "G3", "G4", "G5", "G6", "G7"};

    @Test
    void eachClusterIsLedByItsPlantedGeneAndTheSpecIsTheConfiguredOne() throws Exception {
        String[] groups = new String[30];
        BufferedDataTable in = cells(SYMBOLS, groups, planted(groups));
        MarkerGenesNodeModel m = model("genes_per_group", "3");
        DataTableSpec configured = NodeHarness.configureTables(m, in.getDataTableSpec())[0];
        BufferedDataTable out = NodeHarness.executeTables(m, new RecordingExecution(), in)[0];
        assertEquals(configured, out.getDataTableSpec());
        assertEquals(9, out.size());
        DataTableSpec spec = out.getDataTableSpec();
        for (DataRow row : Tables.rows(out)) {
            String group = ((StringValue) row.getCell(spec.findColumnIndex(MarkerGenesNodeModel.GROUP)))
                .getStringValue();
            int rank = ((IntValue) row.getCell(spec.findColumnIndex(MarkerGenesNodeModel.RANK))).getIntValue();
            if (rank == 1) {
                assertEquals("G" + group, ((StringValue) row.getCell(spec.findColumnIndex(MarkerGenesNodeModel.GENE)))
                    .getStringValue());
                assertTrue(((DoubleValue) row.getCell(spec.findColumnIndex(MarkerGenesNodeModel.LOG2FC)))
                    .getDoubleValue() > 1);
                assertEquals(1.0, ((DoubleValue) row.getCell(spec.findColumnIndex(MarkerGenesNodeModel.FRACTION_IN)))
                    .getDoubleValue());
            }
        }
    }

    @Test
    void settingsSurviveAnXmlRoundTripAndBadChoicesAreRejected() throws Exception {
        MarkerGenesNodeModel m = model("test", MarkerGenesNodeSettings.TEST_WELCH, "genes_per_group", "25");
        NodeSettings reloaded = NodeHarness.settingsRoundTrip(m, new MarkerGenesNodeModel());
        assertEquals(NodeHarness.toXml(NodeHarness.saveSettings(m)), NodeHarness.toXml(reloaded));
        assertEquals(25, reloaded.getInt("genes_per_group"));
        assertThrows(InvalidSettingsException.class, () -> model("test", "chi-square"));
        assertThrows(InvalidSettingsException.class, () -> model("min_group_cells", "1"));
    }

    @Test
    void configureNamesAMissingGroupColumnAndAWrongExpressionColumn() throws Exception {
        String[] groups = new String[30];
        DataTableSpec spec = cells(SYMBOLS, groups, planted(groups)).getDataTableSpec();
        InvalidSettingsException noGroup = assertThrows(InvalidSettingsException.class,
            () -> NodeHarness.configureTables(model("group_column", "leiden"), spec));
        assertTrue(noGroup.getMessage().contains("'leiden'"), noGroup.getMessage());
        InvalidSettingsException notExpr = assertThrows(InvalidSettingsException.class,
            () -> NodeHarness.configureTables(model("expression_column", "cluster"), spec));
        assertTrue(notExpr.getMessage().contains("not an expression column"), notExpr.getMessage());
    }

    @Test
    void rowsWithoutAGroupAreLeftOutAndSkippedGroupsAreNamedInTheWarning() throws Exception {
        String[] groups = new String[30];
        CellChunk chunk = planted(groups);
        groups[0] = null;
        groups[1] = "lonely";
        MarkerGenesNodeModel m = model("genes_per_group", "0");
        BufferedDataTable out = NodeHarness.executeTables(m, new RecordingExecution(), cells(SYMBOLS, groups,
            chunk))[0];
        assertEquals(3 * SYMBOLS.length, out.size(), "three tested clusters x all genes");
        String warning = NodeHarness.warning(m).getSummary();
        assertTrue(warning.contains("'lonely'"), warning);
    }

    @Test
    void cancellingStopsTheNode() throws Exception {
        String[] groups = new String[30];
        BufferedDataTable in = cells(SYMBOLS, groups, planted(groups));
        RecordingExecution exec = new RecordingExecution();
        exec.cancel();
        assertThrows(CanceledExecutionException.class, () -> NodeHarness.executeTables(model(), exec, in));
    }

    @Test
    void onPbmc68kTheNodeReportsWhatTheEngineComputesAndKnownMarkersLead() throws Exception {
        String[] symbols;
        String[] labels;
        CellChunk all;
        try (CellMatrixReader r = CellMatrixReaders.open(TestPaths.testData("pbmc68k_reduced/pbmc68k_reduced.h5ad"),
            ReadOptions.DEFAULTS.withMatrix(MatrixChoice.RAW))) {
            symbols = r.summary().geneSymbols();
            AnnotationColumn col = r.summary().obs().column("bulk_labels").orElseThrow();
            labels = new String[col.size()];
            Arrays.setAll(labels, col::text);
            all = r.read(0, labels.length);
        }
        BufferedDataTable out = NodeHarness.executeTables(model("values", MarkerGenesNodeSettings.VALUES_LOG,
            "genes_per_group", "10"), new RecordingExecution(), cells(symbols, labels, all))[0];
        MarkerResult engine = MarkerGenes.compute(MarkerSource.of(all), symbols, MarkerGroups.fromLabels(labels),
            MarkerOptions.DEFAULTS.withNormalization(Normalization.NONE).withTopPerGroup(10), CancellationToken.NONE,
            ProgressListener.NONE);
        List<DataRow> rows = Tables.rows(out);
        assertEquals(engine.markers().size(), rows.size());
        DataTableSpec spec = out.getDataTableSpec();
        for (int i = 0; i < rows.size(); i++) {
            MarkerGene want = engine.markers().get(i);
            DataRow row = rows.get(i);
            assertEquals(want.symbol(), ((StringValue) row.getCell(spec.findColumnIndex("Gene"))).getStringValue());
            assertEquals(want.adjustedPValue(), ((DoubleValue) row.getCell(spec.findColumnIndex("Adjusted p-value")))
                .getDoubleValue());
        }
        List<String> mono = engine.markersOf("CD14+ Monocyte").stream().map(MarkerGene::symbol).toList();
        assertTrue(mono.stream().anyMatch(List.of("LYZ", "S100A8", "FCN1", "AIF1", "LST1", "TYROBP")::contains), mono
            .toString());
        List<String> b = engine.markersOf("CD19+ B").stream().map(MarkerGene::symbol).toList();
        assertTrue(b.stream().anyMatch(List.of("CD79A", "CD79B", "MS4A1", "CD74", "HLA-DRA")::contains),
            b.toString());
    }
}

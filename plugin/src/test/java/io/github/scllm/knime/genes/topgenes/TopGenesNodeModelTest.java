package io.github.scllm.knime.genes.topgenes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.StringValue;
import org.knime.core.data.collection.ListDataValue;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.port.PortObjectSpec;

import io.github.scllm.core.genes.HighlyVariableGenes;
import io.github.scllm.core.genes.HvgFlavor;
import io.github.scllm.knime.StreamedRows;
import io.github.scllm.knime.TestPaths;
import io.github.scllm.knime.data.ExpressionCell;
import io.github.scllm.knime.data.ExpressionValue;
import io.github.scllm.knime.io.readscrna.ReadScrnaNodeFactory;
import io.github.scllm.shim.harness.NodeHarness;
import io.github.scllm.shim.harness.RecordingExecution;
import io.github.scllm.shim.harness.Tables;

class TopGenesNodeModelTest {
    static final String[] GENES = {"CD3E", "MT-CO1", "RPL13", "LYZ", "NKG7", "MS4A1"};

    /** Settings given as key, value pairs; Integer and Boolean values are typed, everything else a string. */
    static TopGenesNodeModel model(Object... keyValues) throws InvalidSettingsException {
        TopGenesNodeModel m = new TopGenesNodeModel();
        NodeSettings s = NodeHarness.saveSettings(m);
        for (int i = 0; i < keyValues.length; i += 2) {
            String k = (String) keyValues[i];
            Object v = keyValues[i + 1];
            if (v instanceof Integer n) {
                s.addInt(k, n);
            } else if (v instanceof Boolean b) {
                s.addBoolean(k, b);
            } else {
                s.addString(k, (String) v);
            }
        }
        NodeHarness.loadSettings(m, s);
        return m;
    }

    static DataTableSpec cellSpec(String[] genes) {
        DataColumnSpecCreator expr = new DataColumnSpecCreator("Expression", ExpressionCell.TYPE);
        expr.setElementNames(genes);
        return new DataTableSpec(new DataColumnSpecCreator("cell_type", StringCell.TYPE).createSpec(),
            expr.createSpec());
    }

    static DataRow cell(String key, float... dense) {
        List<Integer> g = new ArrayList<>();
        for (int i = 0; i < dense.length; i++) {
            if (dense[i] != 0) {
                g.add(i);
            }
        }
        int[] genes = g.stream().mapToInt(Integer::intValue).toArray();
        float[] values = new float[genes.length];
        for (int k = 0; k < genes.length; k++) {
            values[k] = dense[genes[k]];
        }
        return Tables.row(key, new StringCell("T"), new ExpressionCell(dense.length, genes, values));
    }

    static BufferedDataTable small() {
        return Tables.table(cellSpec(GENES),
            cell("c1", 3, 0, 5, 5, 1, 0),
            cell("c2", 0, 0, 0, 0, 0, 0),
            cell("c3", 2, 9, 0, 0, 0, 4),
            Tables.row("c4", new StringCell("B"), DataType.getMissingCell()));
    }

    static BufferedDataTable run(TopGenesNodeModel m, BufferedDataTable in) throws Exception {
        return NodeHarness.executeTables(m, new RecordingExecution(), in)[0];
    }

    static List<String> strings(DataCell c) {
        List<String> out = new ArrayList<>();
        for (DataCell e : (ListDataValue) c) {
            out.add(((StringValue) e).getStringValue());
        }
        return out;
    }

    static List<Double> doubles(DataCell c) {
        List<Double> out = new ArrayList<>();
        for (DataCell e : (ListDataValue) c) {
            out.add(((DoubleValue) e).getDoubleValue());
        }
        return out;
    }

    @Test
    void settingsSurviveAnXmlRoundTrip() throws Exception {
        TopGenesNodeModel m = model("expression_column", "Expression", "top_n", 7, "normalization", "log1p",
            "exclude_mitochondrial", true, "exclude_pattern", "^HB[AB]", "highly_variable_genes", 2000,
            "hvg_flavor", "log variance", "gene_sentence", true);
        NodeSettings reloaded = NodeHarness.settingsRoundTrip(m, new TopGenesNodeModel());
        assertEquals(NodeHarness.toXml(NodeHarness.saveSettings(m)), NodeHarness.toXml(reloaded));
        assertEquals(7, reloaded.getInt("top_n"));
        assertEquals("^HB[AB]", reloaded.getString("exclude_pattern"));
        assertEquals(20, NodeHarness.saveSettings(new TopGenesNodeModel()).getInt("top_n"), "the method's default");
    }

    @Test
    void theDialogSavesExactlyWhatTheModelLoads() throws Exception {
        System.setProperty("java.awt.headless", "true");
        TopGenesNodeModel m = model("expression_column", "Expression", "top_n", 30, "normalization", "cp10k",
            "exclude_ribosomal", true, "highly_variable_genes", 500);
        NodeSettings saved = NodeHarness.saveSettings(m);
        TopGenesNodeDialog dialog = new TopGenesNodeDialog();
        dialog.loadSettingsFrom(saved, new PortObjectSpec[] {cellSpec(GENES)});
        NodeSettings fromDialog = new NodeSettings(NodeHarness.SETTINGS_KEY);
        dialog.saveSettingsTo(fromDialog);
        TopGenesNodeModel fresh = new TopGenesNodeModel();
        NodeHarness.loadSettings(fresh, fromDialog);
        assertEquals(NodeHarness.toXml(saved), NodeHarness.toXml(NodeHarness.saveSettings(fresh)));
    }

    @Test
    void configureAppendsTheListColumnsAndTheSentenceOnlyWhenAsked() throws Exception {
        DataTableSpec in = cellSpec(GENES);
        DataTableSpec out = NodeHarness.configureTables(model(), in)[0];
        assertArrayEquals(new String[] {"cell_type", "Expression", "Top genes", "Top gene weights"},
            out.getColumnNames());
        assertTrue(out.getColumnSpec(2).getType().isCollectionType());
        assertTrue(out.getColumnSpec(2).getType().getCollectionElementType().isCompatible(StringValue.class));
        assertTrue(out.getColumnSpec(3).getType().getCollectionElementType().isCompatible(DoubleValue.class));
        DataTableSpec withSentence = NodeHarness.configureTables(model("gene_sentence", true), in)[0];
        assertEquals("Gene sentence", withSentence.getColumnSpec(4).getName());
        assertEquals(out.getColumnSpec(0), withSentence.getColumnSpec(0));
    }

    @Test
    void configuredSpecEqualsTheExecutedSpecAndNewNamesAvoidTakenOnes() throws Exception {
        TopGenesNodeModel m = model("gene_sentence", true);
        BufferedDataTable once = run(m, small());
        TopGenesNodeModel again = model("gene_sentence", true);
        DataTableSpec configured = NodeHarness.configureTables(again, once.getDataTableSpec())[0];
        BufferedDataTable twice = run(again, once);
        assertEquals(configured, twice.getDataTableSpec());
        assertEquals(List.of("cell_type", "Expression", "Top genes", "Top gene weights", "Gene sentence",
            "Top genes (#1)", "Top gene weights (#1)", "Gene sentence (#1)"),
            List.of(twice.getDataTableSpec().getColumnNames()));
    }

    @Test
    void topGenesAreOrderedByValueWithoutZerosAndTiesGoToTheEarlierGene() throws Exception {
        List<DataRow> rows = Tables.rows(run(model("top_n", 3, "gene_sentence", true), small()));
        assertEquals(List.of("RPL13", "LYZ", "CD3E"), strings(rows.get(0).getCell(2)));
        assertEquals(List.of(5.0, 5.0, 3.0), doubles(rows.get(0).getCell(3)));
        assertEquals("RPL13 LYZ CD3E", ((StringValue) rows.get(0).getCell(4)).getStringValue());
        assertEquals(List.of(), strings(rows.get(1).getCell(2)), "a cell without expression lists no gene");
        assertEquals("", ((StringValue) rows.get(1).getCell(4)).getStringValue());
        assertEquals(List.of("MT-CO1", "MS4A1", "CD3E"), strings(rows.get(2).getCell(2)));
        assertTrue(rows.get(3).getCell(2).isMissing() && rows.get(3).getCell(4).isMissing(),
            "a missing expression gives missing top genes");
        assertEquals("c3", rows.get(2).getKey().getString());
        assertEquals("T", ((StringValue) rows.get(2).getCell(0)).getStringValue(), "input columns pass through");
    }

    @Test
    void normalisationChangesTheWeightsButNotTheRanking() throws Exception {
        // c3: total 15; MT-CO1 9 -> 6000 per 10k, log1p 8.6996...
        DataRow cp = Tables.rows(run(model("normalization", "cp10k"), small())).get(2);
        DataRow lg = Tables.rows(run(model("normalization", "log1p"), small())).get(2);
        assertEquals(strings(cp.getCell(2)), strings(lg.getCell(2)));
        assertEquals(6000.0, doubles(cp.getCell(3)).get(0), 1e-3);
        assertEquals(Math.log1p(6000.0), doubles(lg.getCell(3)).get(0), 1e-5);
        assertEquals(Math.log1p(4 * 10_000.0 / 15), doubles(lg.getCell(3)).get(1), 1e-5);
    }

    @Test
    void excludedGenesAreNeverListed() throws Exception {
        List<DataRow> rows = Tables.rows(run(model("exclude_mitochondrial", true, "exclude_ribosomal", true,
            "exclude_pattern", "^MS4"), small()));
        assertEquals(List.of("LYZ", "CD3E", "NKG7"), strings(rows.get(0).getCell(2)));
        assertEquals(List.of("CD3E"), strings(rows.get(2).getCell(2)));
    }

    @Test
    void theHighlyVariableRestrictionKeepsOnlyTheGenesTheEngineChoosesOverAllCells() throws Exception {
        String[] genes = {"G0", "G1", "G2", "G3", "G4", "G5", "G6", "G7"};
        List<DataRow> rows = new ArrayList<>();
        java.util.Random rnd = new java.util.Random(5);
        HighlyVariableGenes oracle = new HighlyVariableGenes(genes.length);
        for (int c = 0; c < 40; c++) {
            float[] v = new float[genes.length];
            v[0] = 50; // always the most expressed, but never varying relative to the others much
            for (int g = 1; g < genes.length; g++) {
                v[g] = rnd.nextInt(g * 3);
            }
            DataRow r = cell("c" + c, v);
            rows.add(r);
            ExpressionValue e = (ExpressionValue) r.getCell(1);
            int[] gi = new int[e.storedCount()];
            float[] gv = new float[e.storedCount()];
            for (int k = 0; k < gi.length; k++) {
                gi[k] = e.storedGene(k);
                gv[k] = e.storedValue(k);
            }
            oracle.addCell(c, gi, gv, 0, gi.length, e.total());
        }
        boolean[] chosen = oracle.select(3, HvgFlavor.SEURAT_DISPERSION, null);
        BufferedDataTable out = run(model("highly_variable_genes", 3, "top_n", 8), Tables.table(cellSpec(genes), rows));
        int listed = 0;
        for (DataRow r : Tables.rows(out)) {
            for (String s : strings(r.getCell(2))) {
                assertTrue(chosen[Integer.parseInt(s.substring(1))], s + " is not among the 3 highly variable genes");
                listed++;
            }
        }
        assertTrue(listed > 40, "the restriction left almost nothing: " + listed);
        RecordingExecution exec = new RecordingExecution();
        NodeHarness.executeTables(model("highly_variable_genes", 3), exec, Tables.table(cellSpec(genes), rows));
        assertTrue(exec.messages().stream().anyMatch(s -> s.startsWith("Highly variable genes")), "first pass reported");
    }

    @Test
    void streamingGivesTheRowsOfExecuteInPartitionsAndWholeWithTheHighlyVariableRestriction() throws Exception {
        BufferedDataTable out = StreamedRows.assertStreamsLikeExecute(() -> model("top_n", 3, "gene_sentence", true),
            new int[] {1, 3}, small());
        assertEquals(4, out.size());
        String[] genes = {"G0", "G1", "G2", "G3"};
        List<DataRow> rows = new ArrayList<>();
        for (int c = 0; c < 12; c++) {
            rows.add(cell("c" + c, c % 5, (c * 7) % 4, 3, c % 2));
        }
        // all cells are needed for the gene statistics first: the whole table goes to one operator
        StreamedRows.assertStreamsLikeExecute(() -> model("highly_variable_genes", 2), new int[] {1},
            Tables.table(cellSpec(genes), rows));
        assertThrows(IllegalArgumentException.class, () -> StreamedRows.assertStreamsLikeExecute(
            () -> model("highly_variable_genes", 2), new int[] {2}, Tables.table(cellSpec(genes), rows)));
    }

    @Test
    void cancelStopsBothPasses() throws Exception {
        List<DataRow> rows = new ArrayList<>();
        for (int c = 0; c < 2000; c++) {
            rows.add(cell("c" + c, c % 5, 1, 2, c % 3, 0, 7));
        }
        BufferedDataTable in = Tables.table(cellSpec(GENES), rows);
        for (TopGenesNodeModel m : new TopGenesNodeModel[] {model(), model("highly_variable_genes", 3)}) {
            RecordingExecution exec = new RecordingExecution();
            exec.cancelAfterProgressReports(1);
            assertThrows(CanceledExecutionException.class, () -> NodeHarness.executeTables(m, exec, in));
            assertTrue(exec.progressHistory().size() < 20, "kept going after cancel: " + exec.progressHistory().size());
        }
        assertEquals(2000, run(model(), in).size());
    }

    @Test
    void withoutAChosenColumnTheFirstExpressionColumnIsUsed() throws Exception {
        TopGenesNodeModel m = model();
        NodeHarness.configureTables(m, cellSpec(GENES));
        assertEquals("Expression", NodeHarness.saveSettings(m).getString("expression_column"));
        assertTrue(NodeHarness.warning(m).getSummary().contains("Expression"));
    }

    @Test
    void errorsNameTheColumnTheRowOrThePatternAndTheFix() throws Exception {
        InvalidSettingsException noExpr = assertThrows(InvalidSettingsException.class,
            () -> NodeHarness.configureTables(model(), Tables.spec("x", StringCell.TYPE)));
        assertTrue(noExpr.getMessage().contains("Read scRNA"), noExpr.getMessage());

        InvalidSettingsException wrong = assertThrows(InvalidSettingsException.class,
            () -> NodeHarness.configureTables(model("expression_column", "cell_type"), cellSpec(GENES)));
        assertTrue(wrong.getMessage().contains("'cell_type'"), wrong.getMessage());

        DataTableSpec unnamed = new DataTableSpec(new DataColumnSpecCreator("Expression", ExpressionCell.TYPE)
            .createSpec());
        InvalidSettingsException noNames = assertThrows(InvalidSettingsException.class,
            () -> NodeHarness.configureTables(model(), unnamed));
        assertTrue(noNames.getMessage().contains("gene symbols"), noNames.getMessage());

        InvalidSettingsException regex = assertThrows(InvalidSettingsException.class,
            () -> model("exclude_pattern", "^MT-("));
        assertTrue(regex.getMessage().contains("'^MT-('"), regex.getMessage());

        BufferedDataTable negative = Tables.table(cellSpec(GENES), cell("bad", 1, 0, -2, 0, 0, 0));
        Exception neg = assertThrows(Exception.class, () -> run(model("normalization", "cp10k"), negative));
        // negative values are scaled data: the node names the column and the option that reads counts
        assertTrue(neg.getMessage().contains("'Expression' holds scaled values")
            && neg.getMessage().contains("Matrix option"), neg.getMessage());

        BufferedDataTable mixed = Tables.table(cellSpec(GENES), Tables.row("short", new StringCell("T"),
            new ExpressionCell(3, new int[] {0}, new float[] {1})));
        Exception mix = assertThrows(Exception.class, () -> run(model(), mixed));
        assertTrue(mix.getMessage().contains("'short'") && mix.getMessage().contains("3 genes"), mix.getMessage());
    }

    @Test
    void realPbmcCountsGiveEachCellsTwentyLargestGenesAsABruteForceSortDoes() throws Exception {
        Path counts = TestPaths.testData("pbmc68k_reduced/counts_10x_mtx");
        NodeFactory<?> reader = new ReadScrnaNodeFactory();
        NodeModel read = reader.createNodeModel();
        NodeSettings s = NodeHarness.saveSettings(read);
        s.addString("file", counts.toString());
        NodeHarness.loadSettings(read, s);
        BufferedDataTable cells = NodeHarness.executeTables(read, new RecordingExecution())[0];

        TopGenesNodeModel m = model("exclude_mitochondrial", true);
        DataTableSpec configured = NodeHarness.configureTables(m, cells.getDataTableSpec())[0];
        BufferedDataTable out = run(m, cells);
        assertEquals(configured, out.getDataTableSpec());
        assertEquals(700, out.size());
        int expr = out.getDataTableSpec().findColumnIndex("Expression");
        int top = out.getDataTableSpec().findColumnIndex("Top genes");
        List<String> names = out.getDataTableSpec().getColumnSpec(expr).getElementNames();
        long listed = 0;
        for (DataRow r : Tables.rows(out)) {
            ExpressionValue e = (ExpressionValue) r.getCell(expr);
            List<Integer> order = new ArrayList<>();
            for (int k = 0; k < e.storedCount(); k++) {
                if (e.storedValue(k) != 0 && !names.get(e.storedGene(k)).startsWith("MT-")) {
                    order.add(e.storedGene(k));
                }
            }
            order.sort(Comparator.<Integer>comparingDouble(g -> -e.valueOf(g)).thenComparing(g -> g));
            List<String> want = order.subList(0, Math.min(20, order.size())).stream().map(names::get).toList();
            assertEquals(want, strings(r.getCell(top)), "cell " + r.getKey());
            listed += want.size();
        }
        assertEquals(700L * 20, listed, "every PBMC cell expresses at least 20 non-mitochondrial genes");
    }
}

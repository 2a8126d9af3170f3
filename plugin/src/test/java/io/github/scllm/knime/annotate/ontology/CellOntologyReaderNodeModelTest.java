package io.github.scllm.knime.annotate.ontology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.core.data.BooleanValue;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.StringValue;
import org.knime.core.data.collection.ListDataValue;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;

import io.github.scllm.knime.TestPaths;
import io.github.scllm.shim.harness.NodeHarness;
import io.github.scllm.shim.harness.RecordingExecution;
import io.github.scllm.shim.harness.Tables;

class CellOntologyReaderNodeModelTest {

    @TempDir
    Path tmp;

    static CellOntologyReaderNodeModel model(Path file, String root, boolean obsolete)
        throws InvalidSettingsException {
        CellOntologyReaderNodeModel m = new CellOntologyReaderNodeModel();
        NodeSettings s = NodeHarness.saveSettings(m);
        s.addString("file", file.toString());
        s.addString("root", root);
        s.addBoolean("include_obsolete", obsolete);
        NodeHarness.loadSettings(m, s);
        return m;
    }

    private static Map<String, DataRow> byId(BufferedDataTable t) {
        return Tables.rows(t).stream().collect(Collectors.toMap(r -> r.getKey().getString(), r -> r));
    }

    private static List<String> list(DataCell c) {
        ListDataValue l = (ListDataValue) c;
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < l.size(); i++) {
            out.add(((StringValue) l.get(i)).getStringValue());
        }
        return out;
    }

    @Test
    void theCellOntologyBecomesOneRowPerLiveTermWithSynonymsAndParents() throws Exception {
        Path cl = TestPaths.testData("ontology/cl-basic_2022-12-15.obo");
        CellOntologyReaderNodeModel m = model(cl, "", false);
        DataTableSpec configured = NodeHarness.configureTables(m)[0];
        BufferedDataTable out = NodeHarness.executeTables(m, new RecordingExecution())[0];
        assertEquals(configured, out.getDataTableSpec());
        assertEquals(2804 - 160, out.size());
        DataTableSpec spec = out.getDataTableSpec();
        DataRow cd4 = byId(out).get("CL:0000624");
        assertEquals("CD4-positive, alpha-beta T cell",
            ((StringValue) cd4.getCell(spec.findColumnIndex("Name"))).getStringValue());
        assertEquals(3, list(cd4.getCell(spec.findColumnIndex("Synonyms"))).size());
        assertEquals(List.of("CL:0000791"), list(cd4.getCell(spec.findColumnIndex("Parents"))));
        assertFalse(((BooleanValue) cd4.getCell(spec.findColumnIndex("Obsolete"))).getBooleanValue());
    }

    @Test
    void obsoleteTermsAreIncludedOnRequestWithTheirReplacement() throws Exception {
        Path cl = TestPaths.testData("ontology/cl-basic_2022-12-15.obo");
        BufferedDataTable out = NodeHarness.executeTables(model(cl, "", true), new RecordingExecution())[0];
        assertEquals(2804, out.size());
        DataRow old = byId(out).get("CL:0000375");
        DataTableSpec spec = out.getDataTableSpec();
        assertTrue(((BooleanValue) old.getCell(spec.findColumnIndex("Obsolete"))).getBooleanValue());
        assertEquals(List.of("CL:0007010"), list(old.getCell(spec.findColumnIndex("Replaced by"))));
    }

    @Test
    void aRootKeepsOnlyThatTermAndItsDescendants() throws Exception {
        Path cl = TestPaths.testData("ontology/cl-basic_2022-12-15.obo");
        Map<String, DataRow> tCells = byId(NodeHarness.executeTables(model(cl, "CL:0000084", false),
            new RecordingExecution())[0]);
        assertTrue(tCells.containsKey("CL:0000084"));
        assertTrue(tCells.containsKey("CL:0000624"));
        assertFalse(tCells.containsKey("CL:0000236"), "B cell is no T cell");
        assertTrue(tCells.size() > 50 && tCells.size() < 1000, "T cell subtree size " + tCells.size());
    }

    @Test
    void aMissingFileFailsAtConfigureAndAnUnknownRootAtExecute() throws Exception {
        InvalidSettingsException missing = assertThrows(InvalidSettingsException.class,
            () -> NodeHarness.configureTables(model(tmp.resolve("nope.obo"), "", false)));
        assertTrue(missing.getMessage().contains("nope.obo"), missing.getMessage());
        Path tiny = Files.writeString(tmp.resolve("tiny.obo"), "[Term]\nid: X:1\nname: one\n");
        InvalidSettingsException root = assertThrows(InvalidSettingsException.class,
            () -> NodeHarness.executeTables(model(tiny, "X:2", false), new RecordingExecution()));
        assertTrue(root.getMessage().contains("X:2"), root.getMessage());
        Path bad = Files.writeString(tmp.resolve("bad.obo"), "[Term]\nid: X:1\ndef: \"open\n");
        InvalidSettingsException parse = assertThrows(InvalidSettingsException.class,
            () -> NodeHarness.executeTables(model(bad, "", false), new RecordingExecution()));
        assertTrue(parse.getMessage().contains("line 3"), parse.getMessage());
    }
}

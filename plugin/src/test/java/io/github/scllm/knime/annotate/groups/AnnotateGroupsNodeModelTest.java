package io.github.scllm.knime.annotate.groups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.StringValue;
import org.knime.core.data.collection.ListDataValue;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.workflow.ICredentials;

import io.github.scllm.shim.harness.NodeHarness;
import io.github.scllm.shim.harness.RecordingExecution;
import io.github.scllm.shim.harness.Tables;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

class AnnotateGroupsNodeModelTest {
    private static final String OBO = """
        [Term]
        id: CL:0000000
        name: cell

        [Term]
        id: CL:0000548
        name: animal cell
        is_a: CL:0000000

        [Term]
        id: CL:0000542
        name: lymphocyte
        is_a: CL:0000548

        [Term]
        id: CL:0000084
        name: T cell
        is_a: CL:0000542

        [Term]
        id: CL:0000236
        name: B cell
        is_a: CL:0000542

        [Term]
        id: CL:0000576
        name: monocyte
        is_a: CL:0000548
        """;

    @TempDir
    Path tmp;

    record Key(String getName, String getLogin, String getPassword) implements ICredentials {
    }

    private static final DataTableSpec MARKER_SPEC = Tables.spec("Group", StringCell.TYPE, "Gene", StringCell.TYPE,
        "Rank", IntCell.TYPE, "Score", DoubleCell.TYPE, "Log2 fold change", DoubleCell.TYPE, "Adjusted p-value",
        DoubleCell.TYPE);

    private static BufferedDataTable markers() {
        List<DataRow> rows = new ArrayList<>();
        String[][] groups = {{"t", "CD3E", "CD3D", "CD2", "CD14"}, {"b", "MS4A1", "CD79A", "CD19"},
            {"m", "CD14", "LYZ", "FCGR3A"}};
        for (String[] g : groups) {
            for (int r = 1; r < g.length; r++) {
                rows.add(Tables.row(g[0] + r, new StringCell(g[0]), new StringCell(g[r]), new IntCell(r),
                    new DoubleCell(20.0 / r), new DoubleCell(3.0 / r), new DoubleCell(1e-10)));
            }
        }
        return Tables.table(MARKER_SPEC, rows);
    }

    private static BufferedDataTable rules() {
        DataTableSpec spec = Tables.spec("Cell type", StringCell.TYPE, "Required markers", StringCell.TYPE,
            "Excluding markers", StringCell.TYPE, "Notes", StringCell.TYPE);
        return Tables.table(spec, Tables.row("r1", new StringCell("T cell"), new StringCell("CD3E"),
            new StringCell("CD14"), new StringCell("monocyte doublets")));
    }

    private static BufferedDataTable reference() {
        DataTableSpec spec = Tables.spec("species", StringCell.TYPE, "official gene symbol", StringCell.TYPE,
            "cell type", StringCell.TYPE, "canonical marker", StringCell.TYPE, "organ", StringCell.TYPE);
        List<DataRow> rows = new ArrayList<>();
        String[][] types = {{"T cells", "CD3E", "CD3D", "CD2"}, {"B cells", "MS4A1", "CD79A", "CD19"},
            {"Monocytes", "CD14", "LYZ", "FCGR3A"}};
        for (String[] t : types) {
            for (int i = 1; i < t.length; i++) {
                rows.add(row(rows.size(), "Hs", t[i], t[0], "1", "Immune system"));
            }
        }
        for (int i = 1; i <= 40; i++) {
            rows.add(row(rows.size(), "Hs", "NEUROGENE" + i, "Neurons", "1", "Brain"));
        }
        return Tables.table(spec, rows);
    }

    private static DataRow row(int key, String... cells) {
        DataCell[] c = new DataCell[cells.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = new StringCell(cells[i]);
        }
        return Tables.row("ref" + key, c);
    }

    private AnnotateGroupsNodeModel model(Map<String, Object> values) throws Exception {
        AnnotateGroupsNodeModel m = new AnnotateGroupsNodeModel();
        NodeSettings s = NodeHarness.saveSettings(m);
        s.addString("ontology_file", Files.writeString(tmp.resolve("cl.obo"), OBO).toString());
        s.addBoolean("use_cache", false);
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (e.getValue() instanceof Integer i) {
                s.addInt(e.getKey(), i);
            } else {
                s.addString(e.getKey(), e.getValue().toString());
            }
        }
        NodeHarness.loadSettings(m, s);
        return m;
    }

    private static Map<String, DataRow> byGroup(BufferedDataTable t) {
        return Tables.rows(t).stream().collect(Collectors.toMap(r -> r.getKey().getString(), r -> r));
    }

    private static String text(DataRow row, DataTableSpec spec, String column) {
        DataCell c = row.getCell(spec.findColumnIndex(column));
        return c.isMissing() ? null : ((StringValue) c).getStringValue();
    }

    private static List<String> list(DataRow row, DataTableSpec spec, String column) {
        ListDataValue l = (ListDataValue) row.getCell(spec.findColumnIndex(column));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < l.size(); i++) {
            out.add(((StringValue) l.get(i)).getStringValue());
        }
        return out;
    }

    @Test
    void referenceMethodCallsEachGroupAndAnExpertRuleRejectsTheContaminatedOne() throws Exception {
        AnnotateGroupsNodeModel m = model(Map.of("method", "reference"));
        DataTableSpec configured = NodeHarness.configureTables(m, MARKER_SPEC, rules().getDataTableSpec(),
            reference().getDataTableSpec())[0];
        BufferedDataTable out = NodeHarness.executeTables(m, new RecordingExecution(), markers(), rules(),
            reference())[0];
        assertEquals(configured, out.getDataTableSpec());
        DataTableSpec spec = out.getDataTableSpec();
        Map<String, DataRow> rows = byGroup(out);
        assertEquals(3, rows.size());
        DataRow t = rows.get("t");
        assertEquals("CL:0000084", text(t, spec, "Cell type ID"));
        assertEquals("rejected", text(t, spec, "Status"));
        assertTrue(list(t, spec, "Rejection criteria met").get(0).contains("excluding marker CD14"));
        DataRow b = rows.get("b");
        assertEquals("B cell", text(b, spec, "Cell type"));
        assertEquals("accepted", text(b, spec, "Status"));
        assertEquals(List.of("MS4A1", "CD79A", "CD19"), list(b, spec, "Evidence markers"));
        double conf = ((DoubleValue) b.getCell(spec.findColumnIndex("Confidence"))).getDoubleValue();
        assertTrue(conf > 0 && conf <= 1, "confidence " + conf);
        assertEquals("CL:0000576", text(rows.get("m"), spec, "Cell type ID"));
    }

    @Test
    void configureNamesWhatIsMissing() throws Exception {
        InvalidSettingsException noRef = assertThrows(InvalidSettingsException.class, () -> NodeHarness
            .configureTables(model(Map.of("method", "reference")), MARKER_SPEC, null, null));
        assertTrue(noRef.getMessage().contains("reference marker table"), noRef.getMessage());
        InvalidSettingsException noGene = assertThrows(InvalidSettingsException.class, () -> NodeHarness
            .configureTables(model(Map.of("method", "llm")), Tables.spec("Group", StringCell.TYPE), null, null));
        assertTrue(noGene.getMessage().contains("'Gene'"), noGene.getMessage());
        InvalidSettingsException noDescriptions = assertThrows(InvalidSettingsException.class, () -> NodeHarness
            .configureTables(model(Map.of("method", "embedding")), MARKER_SPEC, null, null));
        assertTrue(noDescriptions.getMessage().contains("gene description file"), noDescriptions.getMessage());
    }

    @Test
    void llmMethodAsksTheChatServerWithTheCredentialsKeyAndChecksTheAnswer() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.start(0);
            String answer = "{\"cell_type\":\"B cell\",\"cl_id\":\"CL:0000236\",\"confidence\":0.8,"
                + "\"evidence_markers\":[\"MS4A1\",\"PAX5\"],\"rejection_markers\":[\"CD3E\"],\"alternatives\":[],"
                + "\"reasoning\":\"MS4A1 and CD79A mark B cells.\"}";
            String body = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
                + com.fasterxml.jackson.databind.node.TextNode.valueOf(answer) + ",\"refusal\":null},"
                + "\"logprobs\":null,\"finish_reason\":\"stop\"}]}";
            for (int i = 0; i < 3; i++) {
                server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                    .body(body).build());
            }
            AnnotateGroupsNodeModel m = model(Map.of("method", "llm", "provider", "openai-compatible", "model",
                "llama3.1:8b", "base_url", server.url("/v1").toString(), "credentials_name", "llm", "tissue",
                "blood"));
            NodeHarness.setCredentials(m, new Key("llm", "", "SECRET-LLM-KEY"));
            BufferedDataTable out = NodeHarness.executeTables(m, new RecordingExecution(), markers(), null, null)[0];
            RecordedRequest req = server.takeRequest();
            assertEquals("Bearer SECRET-LLM-KEY", req.getHeaders().get("Authorization"));
            assertTrue(req.getBody().utf8().contains("Tissue: blood"));
            assertEquals(3, server.getRequestCount());
            DataTableSpec spec = out.getDataTableSpec();
            DataRow b = byGroup(out).get("b");
            assertEquals("CL:0000236", text(b, spec, "Cell type ID"));
            assertEquals(List.of("MS4A1"), list(b, spec, "Evidence markers"));
            assertEquals(List.of("PAX5"), list(b, spec, "Unsupported markers"));
            assertEquals(0.4, ((DoubleValue) b.getCell(spec.findColumnIndex("Confidence"))).getDoubleValue(), 1e-12);
            assertEquals("rejected", text(byGroup(out).get("t"), spec, "Status"), "CD3E is expressed in group t");
            assertTrue(byGroup(out).get("t").getCell(spec.findColumnIndex("Confidence")).isMissing(),
                "a rejected call carries no confidence");
        }
    }

    @Test
    void settingsSurviveTheRoundTrip() throws Exception {
        AnnotateGroupsNodeModel a = model(Map.of("method", "embedding", "top_markers", 25, "organs",
            "Immune system, Blood"));
        AnnotateGroupsNodeModel b = new AnnotateGroupsNodeModel();
        NodeSettings s = NodeHarness.settingsRoundTrip(a, b);
        assertEquals("embedding", s.getString("method"));
        assertEquals(25, s.getInt("top_markers"));
        assertEquals(NodeHarness.toXml(NodeHarness.saveSettings(a)), NodeHarness.toXml(NodeHarness.saveSettings(b)));
    }
}

package io.github.scllm.knime.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.collection.CollectionCellFactory;
import org.knime.core.data.collection.ListCell;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.data.vector.doublevector.DoubleVectorValue;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettings;

import io.github.scllm.knime.embed.cellembed.CellEmbeddingNodeFactory;
import io.github.scllm.knime.embed.llmembed.LlmEmbedNodeFactory;
import io.github.scllm.shim.harness.NodeHarness;
import io.github.scllm.shim.harness.RecordingExecution;
import io.github.scllm.shim.harness.Tables;

/** Gene descriptions → LLM Embed → Cell Embedding, as in a workflow: the GenePT-w path end to end. */
class EmbeddingNodesChainTest {
    private LocalEmbeddingServer server;

    @BeforeEach
    void start() throws Exception {
        server = new LocalEmbeddingServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void cellVectorsAreTheWeightedMeansOfTheServedGeneVectors() throws Exception {
        String[] genes = {"CD3E", "CD3D", "MS4A1", "ALB"};
        DataTableSpec geneSpec = Tables.spec("Gene", StringCell.TYPE, "Description", StringCell.TYPE);
        List<org.knime.core.data.DataRow> geneRows = new ArrayList<>();
        for (String g : genes) {
            geneRows.add(Tables.row(g, new StringCell(g), new StringCell("Summary of " + g + ".")));
        }
        NodeModel embed = new LlmEmbedNodeFactory().createNodeModel();
        NodeSettings s = NodeHarness.saveSettings(embed);
        s.addString("provider", "openai-compatible");
        s.addString("base_url", server.baseUrl());
        s.addString("model", "nomic-embed-text");
        s.addString("text_column", "Description");
        s.addBoolean("use_cache", false);
        NodeHarness.loadSettings(embed, s);
        BufferedDataTable geneVectors = NodeHarness.executeTables(embed, new RecordingExecution(),
            Tables.table(geneSpec, geneRows))[0];

        DataTableSpec cellSpec = Tables.spec("Top genes", ListCell.getCollectionType(StringCell.TYPE),
            "Top gene weights", ListCell.getCollectionType(DoubleCell.TYPE));
        BufferedDataTable cells = Tables.table(cellSpec,
            Tables.row("AAAC-1", list(new StringCell("CD3E"), new StringCell("CD3D"), new StringCell("ALB")),
                list(new DoubleCell(5), new DoubleCell(3), new DoubleCell(2))));
        NodeModel cellEmbed = new CellEmbeddingNodeFactory().createNodeModel();
        BufferedDataTable out = NodeHarness.executeTables(cellEmbed, new RecordingExecution(), cells,
            geneVectors)[0];

        double[] expected = new double[4];
        double[] w = {5, 3, 2};
        String[] top = {"CD3E", "CD3D", "ALB"};
        for (int k = 0; k < top.length; k++) {
            double[] v = LocalEmbeddingServer.vectorOf("Summary of " + top[k] + ".", 4);
            for (int d = 0; d < 4; d++) {
                expected[d] += w[k] * v[d] / 10.0;
            }
        }
        DoubleVectorValue cell = (DoubleVectorValue)Tables.rows(out).get(0).getCell(2);
        double[] got = new double[cell.getLength()];
        for (int d = 0; d < got.length; d++) {
            got[d] = cell.getValue(d);
        }
        assertArrayEquals(expected, got, 1e-6);
        assertEquals("nomic-embed-text", out.getDataTableSpec().getColumnSpec("Cell embedding").getProperties()
            .getProperty(EmbeddingColumns.MODEL));
        assertEquals(4, server.textsEmbedded());
    }

    private static DataCell list(DataCell... cells) {
        return CollectionCellFactory.createListCell(List.of(cells));
    }
}

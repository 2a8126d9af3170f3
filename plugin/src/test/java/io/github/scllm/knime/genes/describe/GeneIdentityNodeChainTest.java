package io.github.scllm.knime.genes.describe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.StringValue;
import org.knime.core.data.collection.CollectionDataValue;
import org.knime.core.data.vector.doublevector.DoubleVectorValue;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettings;

import io.github.scllm.knime.TestPaths;
import io.github.scllm.knime.embed.LocalEmbeddingServer;
import io.github.scllm.knime.embed.cellembed.CellEmbeddingNodeFactory;
import io.github.scllm.knime.embed.llmembed.LlmEmbedNodeFactory;
import io.github.scllm.shim.harness.NodeHarness;
import io.github.scllm.shim.harness.RecordingExecution;
import io.github.scllm.shim.harness.Tables;

/**
 * Read scRNA → Top Genes → Gene Description Lookup → LLM Embed → Cell Embedding on real PBMC cells, with the
 * dialogs' defaults for the columns: a gene the cells call by an old symbol (AES, ATP5B, SEPT7, H2AFY …) keeps that
 * symbol as its key, so its embedding reaches every cell that lists it.
 */
class GeneIdentityNodeChainTest {
    private static final int DIM = 4;

    @Test
    void everyDescribedTopGeneContributesToItsCellsEmbedding() throws Exception {
        BufferedDataTable top = GeneDescriptionLookupNodeModelTest.topGenesOf(
            TestPaths.testData("pbmc68k_reduced/counts_10x_mtx"));
        Path genes = TestPaths.testData("gene_summaries");
        BufferedDataTable described = GeneDescriptionLookupNodeModelTest.run(GeneDescriptionLookupNodeModelTest.model(
            "use_ncbi", false, "summary_file", genes.resolve("refseq_gene_summary_human.tsv.gz"), "fallback", "skip"),
            top);

        Map<String, String> textOf = new HashMap<>();
        int aliases = 0;
        for (DataRow r : Tables.rows(described)) {
            String text = GeneDescriptionLookupNodeModelTest.text(r, "Text");
            if (text != null && !text.isEmpty()) {
                String symbol = GeneDescriptionLookupNodeModelTest.text(r, "Symbol");
                textOf.put(symbol, text);
                if (!symbol.equals(GeneDescriptionLookupNodeModelTest.text(r, "Official symbol"))) {
                    aliases++;
                }
            }
        }
        assertTrue(aliases > 0, "the cells list some genes by old symbols");
        for (String old : List.of("AES", "ATP5B", "SEPT7", "H2AFY")) {
            assertNotNull(textOf.get(old), old + " is described under the symbol the cells use");
        }

        try (LocalEmbeddingServer server = new LocalEmbeddingServer()) {
            NodeModel embed = new LlmEmbedNodeFactory().createNodeModel();
            NodeSettings s = NodeHarness.saveSettings(embed);
            s.addString("provider", "openai-compatible");
            s.addString("base_url", server.baseUrl());
            s.addString("model", "test-embedder");
            s.addString("text_column", "Text");
            s.addBoolean("use_cache", false);
            NodeHarness.loadSettings(embed, s);
            BufferedDataTable geneVectors = NodeHarness.executeTables(embed, new RecordingExecution(), described)[0];

            BufferedDataTable cells = NodeHarness.executeTables(new CellEmbeddingNodeFactory().createNodeModel(),
                new RecordingExecution(), top, geneVectors)[0];
            int genesCol = cells.getDataTableSpec().findColumnIndex("Top genes");
            int weightsCol = cells.getDataTableSpec().findColumnIndex("Top gene weights");
            int cellCol = cells.getDataTableSpec().findColumnIndex("Cell embedding");
            long aliasContributions = 0;
            for (DataRow r : Tables.rows(cells)) {
                List<DataCell> g = elements(r.getCell(genesCol));
                List<DataCell> w = elements(r.getCell(weightsCol));
                double[] want = new double[DIM];
                double total = 0;
                for (int k = 0; k < g.size(); k++) {
                    String symbol = ((StringValue) g.get(k)).getStringValue();
                    String text = textOf.get(symbol);
                    if (text == null) {
                        continue;
                    }
                    if (List.of("AES", "ATP5B", "SEPT7", "H2AFY").contains(symbol)) {
                        aliasContributions++;
                    }
                    double weight = ((DoubleValue) w.get(k)).getDoubleValue();
                    double[] v = LocalEmbeddingServer.vectorOf(text, DIM);
                    total += weight;
                    for (int d = 0; d < DIM; d++) {
                        want[d] += weight * v[d];
                    }
                }
                assertTrue(total > 0, r.getKey() + " has a described top gene");
                DoubleVectorValue got = (DoubleVectorValue) r.getCell(cellCol);
                for (int d = 0; d < DIM; d++) {
                    assertEquals(want[d] / total, got.getValue(d), 1e-5, r.getKey() + " dimension " + d);
                }
            }
            assertTrue(aliasContributions > 0, "genes listed by old symbols reach the cells");
        }
    }

    private static List<DataCell> elements(DataCell list) {
        List<DataCell> out = new ArrayList<>();
        ((CollectionDataValue) list).forEach(out::add);
        return out;
    }
}

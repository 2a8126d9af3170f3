package io.github.scllm.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.scllm.core.SharedTestData;

/**
 * The step-by-step chain top-genes → describe → embed → cell-embed on real PBMC cells keeps every gene: a gene whose
 * symbol in the data is an old alias (AES, ATP5B, SEPT7, H2AFY …) is described under its official symbol but still
 * keyed by the symbol the cells use, so its embedding reaches the cells.
 */
class GeneIdentityChainTest {
    private static final int DIM = 8;

    @TempDir
    Path dir;

    private EmbeddingTestServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = new EmbeddingTestServer(DIM);
    }

    @AfterEach
    void stopServer() throws Exception {
        server.stop();
    }

    @Test
    void everyDescribedTopGeneContributesToItsCellsEmbedding() throws Exception {
        Path top = dir.resolve("top.tsv");
        MainTest.Run r = MainTest.run("top-genes", "--input",
            SharedTestData.path("pbmc68k_reduced/counts_10x_mtx").toString(), "--out", top.toString());
        assertEquals(0, r.code(), r.err());

        // a summary table only: the official symbols shipped with the build guard the aliases
        Map<String, String[]> rows = chain(top, List.of("refseq_gene_summary_human.tsv.gz"));
        assertEquals("TLE5", rows.get("AES")[1]);
        assertEquals("ATP5F1B", rows.get("ATP5B")[1]);
        assertEquals("SEPTIN7", rows.get("SEPT7")[1]);
        assertEquals("MACROH2A1", rows.get("H2AFY")[1]);
        // official symbols that the table lists among other genes' synonyms keep their identity (and no text here)
        for (String own : List.of("JUNB", "PLAC8")) {
            assertEquals(own, rows.get(own)[1]);
            assertEquals("not_found", rows.get(own)[6]);
            assertEquals("", rows.get(own)[7], own + " must not get another gene's description");
            assertTrue(rows.get(own)[8].contains("official symbol"), rows.get(own)[8]);
        }

        // gene_info first: it identifies the genes, the table describes them
        rows = chain(top, List.of("Homo_sapiens.gene_info.gz", "refseq_gene_summary_human.tsv.gz"));
        assertEquals("TLE5", rows.get("AES")[1]);
        assertEquals("SEPTIN7", rows.get("SEPT7")[1]);
        for (String own : List.of("JUNB", "PLAC8")) {
            assertEquals(own, rows.get(own)[1]);
            assertEquals("found", rows.get(own)[6], "gene_info identifies " + own);
            assertEquals("", rows.get(own)[7], own + " must not get another gene's description");
        }
    }

    /**
     * Runs the chain with the given description files and checks every cell's embedding against the weighted mean,
     * computed here, of the served vectors of its described top genes.
     *
     * @return the rows of the description table by input symbol
     */
    private Map<String, String[]> chain(Path top, List<String> descriptionFiles) throws Exception {
        Path desc = dir.resolve("desc.tsv");
        String sources = String.join(",", descriptionFiles.stream()
            .map(f -> "file:" + SharedTestData.file("gene_summaries/" + f)).toList());
        MainTest.Run r = MainTest.run("describe", "--genes", top.toString(), "--source", sources, "--fallback", "skip", "--out",
            desc.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode counts = new ObjectMapper().readTree(r.out());
        assertTrue(counts.get("resolved_as_alias").asInt() > 0, r.out());
        assertTrue(counts.get("alias_refused_official_symbol").asInt() >= 2, r.out());

        Path emb = dir.resolve("emb.tsv");
        r = MainTest.run("embed", "--input", desc.toString(), "--provider", "openai-compatible", "--base-url",
            server.baseUrl(), "--model", "test-embedder", "--cache", dir.resolve("cache").toString(), "--out",
            emb.toString());
        assertEquals(0, r.code(), r.err());

        Path cells = dir.resolve("cells.tsv");
        r = MainTest.run("cell-embed", "--top-genes", top.toString(), "--gene-embeddings", emb.toString(), "--out",
            cells.toString(), "--json");
        assertEquals(0, r.code(), r.err());

        // the description table, keyed by the input symbol
        Map<String, String> textOf = new HashMap<>();
        Map<String, String> officialOf = new HashMap<>();
        Map<String, String[]> rows = new HashMap<>();
        List<String> descLines = Files.readAllLines(desc);
        assertEquals("symbol\tofficial_symbol", String.join("\t", List.of(descLines.get(0).split("\t")).subList(0, 2)));
        for (String line : descLines.subList(1, descLines.size())) {
            String[] f = line.split("\t", -1);
            rows.put(f[0], f);
            if (!f[7].isEmpty()) {
                textOf.put(f[0], f[7]);
                officialOf.put(f[0], f[1]);
            }
        }

        List<String> topLines = Files.readAllLines(top);
        List<String> cellLines = Files.readAllLines(cells);
        assertEquals(topLines.size(), cellLines.size());
        Set<String> distinct = new LinkedHashSet<>();
        int aliasGenesSeen = 0;
        for (int i = 1; i < topLines.size(); i++) {
            String[] t = topLines.get(i).split("\t", -1);
            String[] c = cellLines.get(i).split("\t", -1);
            assertEquals(t[0], c[0]);
            String[] genes = t[1].split(",");
            String[] weights = t[2].split(",");
            double[] want = new double[DIM];
            double total = 0;
            for (int g = 0; g < genes.length; g++) {
                distinct.add(genes[g]);
                String text = textOf.get(genes[g]);
                if (text == null) {
                    continue;
                }
                if (!officialOf.get(genes[g]).equals(genes[g])) {
                    aliasGenesSeen++;
                }
                float[] v = EmbeddingTestServer.vectorOf(text, DIM);
                double w = Double.parseDouble(weights[g]);
                total += w;
                for (int d = 0; d < DIM; d++) {
                    want[d] += w * v[d];
                }
            }
            assertTrue(total > 0, "cell " + t[0] + " has a described top gene");
            String[] got = c[1].split(",");
            for (int d = 0; d < DIM; d++) {
                assertEquals(want[d] / total, Double.parseDouble(got[d]), 1e-5, "cell " + t[0] + " dimension " + d);
            }
        }
        assertTrue(aliasGenesSeen > 0, "the cells list genes by old symbols");
        assertEquals(distinct.size(), counts.get("genes").asInt(), "one description row per distinct top gene");
        assertEquals(counts.get("described").asInt(), textOf.size());
        for (String alias : List.of("AES", "ATP5B", "SEPT7", "H2AFY")) {
            assertNotNull(textOf.get(alias), alias + " is described under the symbol the cells use");
        }
        return rows;
    }
}

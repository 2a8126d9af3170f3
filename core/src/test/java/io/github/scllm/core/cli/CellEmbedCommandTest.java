package io.github.scllm.core.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class CellEmbedCommandTest {
    private static final double EPS = 1e-6;

    @TempDir
    Path dir;

    /** A = (1, 0, 2), B = (0, 4, -2), C = (3, 3, 3); D has no embedding (its text was empty). */
    private Path genes() throws Exception {
        return Files.writeString(dir.resolve("genes.tsv"), "symbol\ttext\tembedding\n"
            + "A\talpha\t1,0,2\n"
            + "B\tbeta\t0,4.0,-2\n"
            + "C\tgamma\t3, 3, 3\n"
            + "D\t\t\n");
    }

    private Path topGenes() throws Exception {
        return Files.writeString(dir.resolve("top.tsv"), "cell_id\tgenes\tweights\tsentence\n"
            + "c1\tA,B\t1,3\tA B\n"      // (1*A + 3*B) / 4
            + "c2\tB,X\t2,5\tB X\n"      // X has no row: B alone
            + "c3\tX,D\t4,1\tX D\n"      // nothing embedded: empty
            + "c4\ta,C\t1,1\ta C\n"      // symbols match case-insensitively
            + "c5\t\t\t\n");             // a cell without expressed genes
    }

    private Map<String, float[]> cells(Path out) throws Exception {
        List<String> lines = Files.readAllLines(out);
        assertEquals("cell_id\tembedding", lines.get(0));
        Map<String, float[]> m = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", -1);
            assertEquals(2, f.length, line);
            m.put(f[0], f[1].isEmpty() ? null : parse(f[1]));
        }
        return m;
    }

    private static float[] parse(String s) {
        String[] p = s.split(",");
        float[] v = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            v[i] = Float.parseFloat(p[i]);
        }
        return v;
    }

    private static void assertVector(double[] want, float[] got, String what) {
        assertEquals(want.length, got.length, what);
        for (int d = 0; d < want.length; d++) {
            assertEquals(want[d], got[d], EPS, what + " component " + d);
        }
    }

    @Test
    void cellVectorsAreTheExpressionWeightedMeansOfTheirEmbeddedGenes() throws Exception {
        Path out = dir.resolve("cells.tsv");
        MainTest.Run r = MainTest.run("cell-embed", "--top-genes", topGenes().toString(), "--gene-embeddings",
            genes().toString(), "--out", out.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        Map<String, float[]> cells = cells(out);
        assertEquals(List.of("c1", "c2", "c3", "c4", "c5"), List.copyOf(cells.keySet()));
        assertVector(new double[] {0.25, 3, -1}, cells.get("c1"), "c1");
        assertVector(new double[] {0, 4, -2}, cells.get("c2"), "c2");
        assertEquals(null, cells.get("c3"));
        assertVector(new double[] {2, 1.5, 2.5}, cells.get("c4"), "c4");
        assertEquals(null, cells.get("c5"));
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(5, json.get("n_cells").asInt());
        assertEquals(3, json.get("n_embedded").asInt());
        assertEquals(2, json.get("n_empty").asInt());
        assertEquals(3, json.get("n_genes_with_embedding").asInt());
        assertEquals(1, json.get("n_genes_without_embedding").asInt());
        assertEquals(2, json.get("n_missing_genes").asInt(), "X and D");
        assertEquals(3, json.get("dimension").asInt());
        assertTrue(r.err().contains("warning: 2 of 5 cells have no top gene with an embedding"), r.err());
        assertTrue(r.err().contains("(e.g. D, X)"), r.err());
    }

    @Test
    void uniformWeightsAndL2NormalisationChangeTheMeansAsDocumented() throws Exception {
        Path out = dir.resolve("cells.tsv");
        MainTest.Run r = MainTest.run("cell-embed", "--top-genes", topGenes().toString(), "--gene-embeddings",
            genes().toString(), "--uniform-weights", "--l2-normalize", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        Map<String, float[]> cells = cells(out);
        double n1 = Math.sqrt(0.5 * 0.5 + 2 * 2 + 0);
        assertVector(new double[] {0.5 / n1, 2 / n1, 0}, cells.get("c1"), "c1: (A + B) / 2, unit length");
        double n2 = Math.sqrt(20);
        assertVector(new double[] {0, 4 / n2, -2 / n2}, cells.get("c2"), "c2");
        double n4 = Math.sqrt(4 + 2.25 + 6.25);
        assertVector(new double[] {2 / n4, 1.5 / n4, 2.5 / n4}, cells.get("c4"), "c4");
    }

    @Test
    void uniformWeightsNeedNoWeightsColumnButExpressionWeightsDo() throws Exception {
        Path top = Files.writeString(dir.resolve("plain.tsv"), "cell_id\tgenes\nc1\tA,B\n");
        Path out = dir.resolve("cells.tsv");
        MainTest.Run r = MainTest.run("cell-embed", "--top-genes", top.toString(), "--gene-embeddings",
            genes().toString(), "--out", out.toString());
        assertEquals(ExitCodes.INVALID_INPUT, r.code());
        assertTrue(r.err().contains("no column 'weights'") && r.err().contains("--uniform-weights"), r.err());
        assertFalse(Files.exists(out));
        r = MainTest.run("cell-embed", "--top-genes", top.toString(), "--gene-embeddings", genes().toString(),
            "--uniform-weights", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertVector(new double[] {0.5, 2, 0}, cells(out).get("c1"), "c1");
    }

    @Test
    void badGeneEmbeddingTablesAreInvalidInputNamingFileLineAndGene() throws Exception {
        Path top = topGenes();
        Path out = dir.resolve("cells.tsv");
        Map<String, List<String>> cases = new LinkedHashMap<>();
        cases.put("symbol\tembedding\nA\t1,2\nB\t1,x\n", List.of("line 3", "gene B", "'x'"));
        cases.put("symbol\tembedding\nA\t1,2\nB\t1,2,3\n", List.of("line 3", "gene B", "line 2 has 2"));
        cases.put("symbol\tembedding\nA\t1,2\na\t1,3\n", List.of("gene a", "line 3", "line 2"));
        cases.put("symbol\tembedding\nA\t\n", List.of("no gene with an embedding", "scllm embed"));
        cases.put("gene\tembedding\nA\t1,2\n", List.of("no column 'symbol'", "gene, embedding", "--symbol-column"));
        int i = 0;
        for (Map.Entry<String, List<String>> c : cases.entrySet()) {
            Path genes = Files.writeString(dir.resolve("bad" + i++ + ".tsv"), c.getKey());
            MainTest.Run r = MainTest.run("cell-embed", "--top-genes", top.toString(), "--gene-embeddings",
                genes.toString(), "--out", out.toString());
            assertEquals(ExitCodes.INVALID_INPUT, r.code(), c.getKey());
            assertTrue(r.err().contains(genes.getFileName().toString()), r.err());
            for (String part : c.getValue()) {
                assertTrue(r.err().contains(part), "'" + part + "' not in: " + r.err());
            }
            assertFalse(Files.exists(out));
        }
    }

    @Test
    void theSameGeneTwiceWithTheSameVectorIsAccepted() throws Exception {
        Path genes = Files.writeString(dir.resolve("dup.tsv"), "symbol\tembedding\nA\t1,2\nA\t1,2\n");
        Path top = Files.writeString(dir.resolve("t.tsv"), "cell_id\tgenes\tweights\nc\tA\t2\n");
        MainTest.Run r = MainTest.run("cell-embed", "--top-genes", top.toString(), "--gene-embeddings",
            genes.toString(), "--out", dir.resolve("cells.tsv").toString());
        assertEquals(0, r.code(), r.err());
        assertArrayEquals(new float[] {1, 2}, cells(dir.resolve("cells.tsv")).get("c"));
    }

    @Test
    void badTopGeneRowsAreInvalidInputNamingTheLine() throws Exception {
        Path out = dir.resolve("cells.tsv");
        Path counts = Files.writeString(dir.resolve("counts.tsv"), "cell_id\tgenes\tweights\nc1\tA,B\t1,2\nc2\tA,B\t1\n");
        MainTest.Run r = MainTest.run("cell-embed", "--top-genes", counts.toString(), "--gene-embeddings",
            genes().toString(), "--out", out.toString());
        assertEquals(ExitCodes.INVALID_INPUT, r.code());
        assertTrue(r.err().contains("line 3") && r.err().contains("2 genes") && r.err().contains("1 weights"),
            r.err());
        Path negative = Files.writeString(dir.resolve("neg.tsv"), "cell_id\tgenes\tweights\nc1\tA,B\t1,-2\n");
        r = MainTest.run("cell-embed", "--top-genes", negative.toString(), "--gene-embeddings", genes().toString(),
            "--out", out.toString());
        assertEquals(ExitCodes.INVALID_INPUT, r.code());
        assertTrue(r.err().contains("line 2") && r.err().contains("'-2'"), r.err());
        assertFalse(Files.exists(out));
    }

    /**
     * The whole text path of the method from the shell: top genes of the demo cells, their descriptions from the
     * demo's description file, the distinct texts embedded by a local server, and the cell vectors, checked against
     * weighted means computed here from the server's own vectors.
     */
    @Test
    void topGenesDescribeEmbedAndCellEmbedChainOnTheDemoData() throws Exception {
        Path demo = Path.of("../demo/pbmc_demo.h5ad");
        Path descriptions = Path.of("../demo/pbmc_demo_descriptions.tsv");
        assertTrue(Files.isRegularFile(demo) && Files.isRegularFile(descriptions), "demo files of the repository");
        Path top = dir.resolve("top.tsv");
        Path desc = dir.resolve("desc.tsv");
        Path emb = dir.resolve("emb.tsv");
        Path cells = dir.resolve("cells.tsv");
        int dim = 16;
        EmbeddingTestServer server = new EmbeddingTestServer(dim);
        try {
            MainTest.Run r = MainTest.run("top-genes", "--input", demo.toString(), "--out", top.toString());
            assertEquals(0, r.code(), r.err());
            r = MainTest.run("describe", "--genes", top.toString(), "--source", "file:" + descriptions,
                "--out", desc.toString());
            assertEquals(0, r.code(), r.err());
            r = MainTest.run("embed", "--input", desc.toString(), "--provider", "openai-compatible", "--base-url",
                server.baseUrl(), "--model", "m", "--cache", dir.resolve("cache").toString(), "--out", emb.toString(),
                "--json");
            assertEquals(0, r.code(), r.err());
            JsonNode embJson = new ObjectMapper().readTree(r.out());

            // gene → text, from describe's output; distinct texts are what the server must have seen, once each
            Map<String, String> textOf = new HashMap<>();
            List<String> descLines = Files.readAllLines(desc);
            int textCol = List.of(descLines.get(0).split("\t")).indexOf("text");
            for (String line : descLines.subList(1, descLines.size())) {
                String[] f = line.split("\t", -1);
                textOf.put(f[0].toUpperCase(java.util.Locale.ROOT), f[textCol]);
            }
            Set<String> distinct = new HashSet<>(textOf.values());
            distinct.remove("");
            List<String> sent = server.textsReceived();
            assertEquals(distinct.size(), sent.size(), "each distinct text sent once");
            assertEquals(distinct, new HashSet<>(sent));
            assertEquals(distinct.size(), embJson.get("n_sent").asInt());
            assertTrue(distinct.size() < textOf.size() || textOf.size() < 50,
                "the demo's fallback texts repeat, so fewer texts than genes are sent");

            r = MainTest.run("cell-embed", "--top-genes", top.toString(), "--gene-embeddings", emb.toString(),
                "--out", cells.toString(), "--json");
            assertEquals(0, r.code(), r.err());
            Map<String, float[]> got = cells(cells);
            List<String> topLines = Files.readAllLines(top);
            assertEquals(topLines.size() - 1, got.size());
            assertTrue(got.size() > 100, "demo cells: " + got.size());
            int checked = 0;
            for (String line : topLines.subList(1, topLines.size())) {
                String[] f = line.split("\t", -1);
                String[] g = f[1].split(",");
                String[] w = f[2].split(",");
                double[] sum = new double[dim];
                double total = 0;
                for (int k = 0; k < g.length; k++) {
                    String text = textOf.get(g[k].toUpperCase(java.util.Locale.ROOT));
                    if (text == null || text.isEmpty()) {
                        continue;
                    }
                    float[] v = EmbeddingTestServer.vectorOf(text, dim);
                    double wk = Double.parseDouble(w[k]);
                    total += wk;
                    for (int d = 0; d < dim; d++) {
                        sum[d] += wk * v[d];
                    }
                }
                if (total == 0) {
                    assertEquals(null, got.get(f[0]), f[0]);
                    continue;
                }
                for (int d = 0; d < dim; d++) {
                    sum[d] /= total;
                }
                assertVector(sum, got.get(f[0]), "cell " + f[0]);
                checked++;
            }
            assertTrue(checked > 100, "cells checked: " + checked);
        } finally {
            server.stop();
        }
    }
}

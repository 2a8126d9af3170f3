package io.github.scllm.core.cli;

import io.github.scllm.core.SharedTestData;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class TopGenesAndDescribeCommandTest {
    private static final Path FIXTURES = Path.of("src/test/resources/fixtures");

    @Test
    void topGenesMatchABruteForceRankingOfTheFixture(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("top.tsv");
        MainTest.Run r = MainTest.run("top-genes", "--input", FIXTURES.resolve("anndata08_csr.h5ad").toString(),
            "--n", "3", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode want = new ObjectMapper().readTree(FIXTURES.resolve("expected.json").toFile()).get("anndata08_csr.h5ad");
        List<String> lines = Files.readAllLines(out);
        assertEquals("cell_id\tgenes\tweights\tsentence", lines.get(0));
        assertEquals(want.get("n_cells").asInt() + 1, lines.size());
        for (int c = 0; c < want.get("n_cells").asInt(); c++) {
            JsonNode row = want.get("matrix").get(c);
            List<Integer> genes = new ArrayList<>();
            for (int g = 0; g < row.size(); g++) {
                if (row.get(g).asDouble() != 0) {
                    genes.add(g);
                }
            }
            // descending value, ties by gene order, as a stable sort of -value
            genes.sort(Comparator.comparingDouble((Integer g) -> -row.get(g).asDouble()));
            List<String> symbols = genes.stream().limit(3).map(g -> want.get("gene_symbols").get(g).asText()).toList();
            String[] fields = lines.get(c + 1).split("\t", -1);
            assertEquals(want.get("cell_ids").get(c).asText(), fields[0]);
            assertEquals(String.join(",", symbols), fields[1], "cell " + c);
            assertEquals(String.join(" ", symbols), fields[3], "cell " + c);
        }
    }

    @Test
    void anUnknownExclusionPresetIsInvalidInputAndWritesNothing(@TempDir Path dir) {
        Path out = dir.resolve("top.tsv");
        MainTest.Run r = MainTest.run("top-genes", "--input", FIXTURES.resolve("anndata08_csr.h5ad").toString(),
            "--exclude", "chloroplast", "--out", out.toString());
        assertEquals(ExitCodes.INVALID_INPUT, r.code());
        assertTrue(r.err().contains("chloroplast"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void aFailedRunLeavesNoHalfWrittenOutput(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("top.tsv");
        MainTest.Run r = MainTest.run("top-genes", "--input", FIXTURES.resolve("invalid_values.h5ad").toString(),
            "--out", out.toString());
        assertEquals(ExitCodes.INVALID_INPUT, r.code(), r.err());
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "output or temporary file left behind");
        }
    }

    @Test
    void describeFindsRealDescriptionsForTheTopGenesOfRealCells(@TempDir Path dir) throws Exception {
        Path summaries = SharedTestData.path("gene_summaries");
        Path top = dir.resolve("top.tsv");
        assertEquals(0, MainTest.run("top-genes", "--input", SharedTestData.path("pbmc68k_reduced/counts_10x_mtx").toString(),
            "--exclude", "mito,ribo", "--out", top.toString()).code());
        Path out = dir.resolve("desc.tsv");
        MainTest.Run r = MainTest.run("describe", "--genes", top.toString(), "--organism", "human", "--source",
            "file:" + summaries.resolve("Homo_sapiens.gene_info.gz") + ",file:"
                + summaries.resolve("refseq_gene_summary_human.tsv.gz"), "--out", out.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode counts = new ObjectMapper().readTree(r.out());
        int genes = counts.get("genes").asInt();
        List<String> lines = Files.readAllLines(out);
        assertEquals("symbol\tofficial_symbol\tgene_id\tfull_name\tsummary\tsource\tstatus\ttext\tnote", lines.get(0));
        assertEquals(genes + 1, lines.size(), "one row per distinct gene");
        assertTrue(counts.get("described").asInt() > 0.7 * genes, r.out());
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", -1);
            assertEquals(9, f.length, line);
            assertFalse(f[7].isBlank(), "no text for " + f[0]);
            if (f[5].equals("fallback")) {
                assertEquals("This gene has no NCBI description.", f[7]);
            }
        }
    }

    @Test
    void describeNamesAMissingGeneColumn(@TempDir Path dir) throws Exception {
        Path genes = dir.resolve("g.tsv");
        Files.writeString(genes, "gene_symbol\nCD3E\n");
        MainTest.Run r = MainTest.run("describe", "--genes", genes.toString(), "--source", "file:nowhere.tsv",
            "--out", dir.resolve("o.tsv").toString());
        assertEquals(ExitCodes.INVALID_INPUT, r.code());
        assertTrue(r.err().contains("'genes'") && r.err().contains("gene_symbol"), r.err());
    }
}

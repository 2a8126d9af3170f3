package io.github.scllm.core.cli;

import io.github.scllm.core.SharedTestData;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkersCommandTest {

    private static Path pbmc() {
        return SharedTestData.file("pbmc68k_reduced/pbmc68k_reduced.h5ad");
    }

    @Test
    void writesTheTopMarkersOfEveryGroupAsTsv(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("markers.tsv");
        MainTest.Run r = MainTest.run("markers", "--input", pbmc().toString(), "--matrix", "raw",
            "--group-column", "bulk_labels", "--n", "5", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("log-normalised"), "raw.X is told apart as log-normalised: " + r.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals("group\trank\tgene\tscore\tlogfoldchange\tpvalue\tpvalue_adj\tpct_in\tpct_out\tmean_in\t"
            + "mean_out", lines.get(0));
        assertEquals(10 * 5 + 1, lines.size());
        String[] first = lines.get(1).split("\t");
        assertEquals("1", first[1]);
        assertTrue(Double.parseDouble(first[3]) > 0 && Double.parseDouble(first[6]) < 0.05, lines.get(1));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("CD19+ B\t")), "groups are named by their label");
    }

    @Test
    void anUnknownGroupColumnIsInvalidInputAndWritesNothing(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("markers.tsv");
        MainTest.Run r = MainTest.run("markers", "--input", pbmc().toString(), "--group-column", "leiden",
            "--out", out.toString());
        assertEquals(ExitCodes.INVALID_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("leiden") && r.err().contains("bulk_labels"), r.err());
        assertFalse(Files.exists(out));
    }
}

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

class OntologyCommandTest {

    private static Path cl() {
        return SharedTestData.file("ontology/cl-basic_2022-12-15.obo");
    }

    @Test
    void listsTheTermsBelowARoot(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("terms.tsv");
        MainTest.Run r = MainTest.run("ontology", "--obo", cl().toString(), "--root", "CL:0000084", "--out",
            out.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals("id\tname\tdefinition\tsynonyms\tparents\tobsolete\treplaced_by", lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("CL:0000624\tCD4-positive, alpha-beta T cell\t")));
        assertFalse(lines.stream().anyMatch(l -> l.startsWith("CL:0000236\t")), "B cell is not below T cell");
        assertTrue(r.err().contains("cl/releases/2022-12-15"), r.err());
    }

    @Test
    void resolvesLabelsAndReportsTheUnresolved(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("resolved.tsv");
        MainTest.Run r = MainTest.run("ontology", "--obo", cl().toString(), "--resolve", "CD14+ Monocyte|Naive AEC2",
            "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals(3, lines.size());
        assertTrue(lines.get(1).startsWith("CD14+ Monocyte\tCL:0001054\tCD14-positive monocyte\tNORMALISED\t"),
            lines.get(1));
        assertTrue(lines.get(2).startsWith("Naive AEC2\t\t\tUNRESOLVED\t0.000\t"), lines.get(2));
    }

    @Test
    void aMissingOntologyFileIsInvalidInput(@TempDir Path dir) {
        MainTest.Run r = MainTest.run("ontology", "--obo", dir.resolve("none.obo").toString(), "--out",
            dir.resolve("x.tsv").toString());
        assertEquals(ExitCodes.INVALID_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("none.obo"), r.err());
    }
}

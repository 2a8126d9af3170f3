package io.github.scllm.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The messages a user meets first: help without warnings, errors that name what exists and where. */
class CommandMessagesTest {

    @Test
    void everyHelpPrintsWithoutAPicocliWarning() {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            for (String name : Main.commandLine().getSubcommands().keySet()) {
                MainTest.Run r = MainTest.run(name, "--help");
                assertEquals(0, r.code(), name);
                assertFalse(r.err().contains("WARN") || r.out().contains("WARN"), name + ": " + r.err());
            }
        } finally {
            System.setErr(original);
        }
        assertEquals("", captured.toString(StandardCharsets.UTF_8));
    }

    @Test
    void everyCommandTakingDescriptionFilesAcceptsACommaSeparatedList() {
        int commands = 0;
        for (CommandLine sub : Main.commandLine().getSubcommands().values()) {
            OptionSpec o = sub.getCommandSpec().findOption("--descriptions");
            if (o != null) {
                commands++;
                assertEquals(",", o.splitRegex(), sub.getCommandName());
            }
        }
        assertTrue(commands >= 4, "evaluate, annotate, annotate-groups, benchmark-annotation");
        // and the one that used to refuse it reads both files of the list
        CommandLine cl = new CommandLine(new BenchmarkAnnotationCommand());
        cl.parseArgs("--input", "m.csv", "--ontology", "cl.obo", "--method", "embedding", "--descriptions",
            "a.tsv,b.tsv");
        List<Path> given = cl.getCommandSpec().findOption("--descriptions").getValue();
        assertEquals(List.of(Path.of("a.tsv"), Path.of("b.tsv")), given);
    }

    @Test
    void anEmptyFileIsCalledEmpty(@TempDir Path dir) throws Exception {
        Path empty = Files.createFile(dir.resolve("cells.h5ad"));
        MainTest.Run r = MainTest.run("inspect", empty.toString());
        assertEquals(ExitCodes.INVALID_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("is empty (0 bytes)"), r.err());
        assertFalse(r.err().contains("not recognised"), r.err());
    }

    /** A genes x cells table (as R writes it) whose gene MS4A1 holds a negative value in the cell AAAC-2. */
    private static Path scaledTable(Path dir) throws Exception {
        return Files.writeString(dir.resolve("scaled.csv"), ",AAAC-1,AAAC-2,AAAC-3\n"
            + "CD3E,1.5,0,2\n"
            + "MS4A1,0,-0.7,1\n");
    }

    @Test
    void aNegativeValueIsPlacedInTheFilesOwnLayoutAndFixedWithTheCommandsOwnOptions(@TempDir Path dir)
        throws Exception {
        Path table = scaledTable(dir);
        MainTest.Run top = MainTest.run("top-genes", "--input", table.toString(), "--out",
            dir.resolve("top.tsv").toString());
        assertEquals(ExitCodes.INVALID_INPUT, top.code(), top.err());
        // MS4A1 is the table's second data row, the cell its third column (the first holds the gene names)
        assertTrue(top.err().contains("'AAAC-2' (column 3)") && top.err().contains("'MS4A1' (data row 2)"),
            top.err());
        assertTrue(top.err().contains("--matrix raw"), top.err());
        assertFalse(top.err().contains("--invalid-values") || top.err().contains("policy"), top.err());

        MainTest.Run inspect = MainTest.run("inspect", table.toString(), "--invalid-values", "reject");
        assertEquals(ExitCodes.INVALID_INPUT, inspect.code(), inspect.err());
        assertTrue(inspect.err().contains("--invalid-values warn"), inspect.err());

        // the same values stored cells x genes are found in the transposed place
        Path transposed = Files.writeString(dir.resolve("t.csv"), ",CD3E,MS4A1\nAAAC-1,1.5,0\nAAAC-2,0,-0.7\n");
        MainTest.Run t = MainTest.run("top-genes", "--input", transposed.toString(), "--orientation",
            "cells_by_genes", "--out", dir.resolve("t.tsv").toString());
        assertTrue(t.err().contains("'AAAC-2' (data row 2)") && t.err().contains("'MS4A1' (column 3)"), t.err());
    }
}

package io.github.scllm.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

class MainTest {

    /** Output of one run: exit code, standard output and standard error. */
    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void helpListsCommandsAndExitCodes() {
        Run r = run("--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("version"), r.out());
        assertTrue(r.out().contains("Exit codes"), r.out());
    }

    @Test
    void everySubcommandHasHelp() {
        for (String name : Main.commandLine().getSubcommands().keySet()) {
            Run r = run(name, "--help");
            assertEquals(0, r.code(), name);
            assertTrue(r.out().contains("Usage: scllm " + name), r.out());
        }
    }

    @Test
    void versionPrintsTheBuildVersion() {
        Run r = run("version");
        assertEquals(0, r.code());
        assertTrue(r.out().startsWith("scllm "), r.out());
        assertTrue(!r.out().contains("${"), "version was not filtered: " + r.out());
    }

    @Test
    void unknownOptionIsAUsageError() {
        Run r = run("--no-such-option");
        assertEquals(ExitCodes.INVALID_INPUT, r.code());
        assertTrue(r.err().contains("--no-such-option"), r.err());
    }

    @Test
    void missingCommandIsAUsageError() {
        Run r = run();
        assertEquals(ExitCodes.INVALID_INPUT, r.code());
        assertTrue(r.err().contains("Missing command"), r.err());
    }
}

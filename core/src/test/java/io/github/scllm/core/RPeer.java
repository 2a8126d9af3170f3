package io.github.scllm.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs committed R reference scripts with the system's Rscript (Debian's R packages). */
public final class RPeer {
    private static final Path RSCRIPT = Path.of(System.getProperty("scllm.rscript", "/usr/bin/Rscript"));

    private RPeer() {
    }

    /** @return true when Rscript exists and loads every package */
    public static boolean hasPackages(String... packages) {
        StringBuilder expr = new StringBuilder();
        for (String p : packages) {
            expr.append("suppressPackageStartupMessages(library(").append(p).append("));");
        }
        return PeerProcess.succeeds(RSCRIPT, "-e", expr.toString());
    }

    /**
     * Runs {@code Rscript script args...}.
     *
     * @throws AssertionError with the script's output if it fails
     */
    public static void run(Path script, List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(RSCRIPT.toString());
        cmd.add(script.toString());
        cmd.addAll(args);
        PeerProcess.run(cmd, "R reference script " + script);
    }

    /** @return the rows of a TSV with a header line, split on tabs (header dropped) */
    public static List<String[]> rows(Path tsv) throws IOException {
        List<String> lines = Files.readAllLines(tsv);
        List<String[]> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            out.add(line.split("\t", -1));
        }
        return out;
    }
}

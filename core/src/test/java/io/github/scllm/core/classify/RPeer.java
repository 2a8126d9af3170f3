package io.github.scllm.core.classify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs committed R scripts with the system's Rscript (Debian's r-bioc-* packages belong to it). */
public final class RPeer {
    private static final Path RSCRIPT = Path.of(System.getProperty("scllm.rscript", "/usr/bin/Rscript"));

    private RPeer() {
    }

    /** @return null when Rscript exists and loads every package, else the reason it cannot be used */
    public static String missing(String... packages) {
        if (!Files.isExecutable(RSCRIPT)) {
            return RSCRIPT + " not found (Debian: r-base-core)";
        }
        StringBuilder code = new StringBuilder();
        for (String p : packages) {
            code.append("suppressPackageStartupMessages(library(").append(p).append("));");
        }
        try {
            Process p = new ProcessBuilder(RSCRIPT.toString(), "-e", code.toString()).redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "Rscript did not load " + List.of(packages) + " within 300 s";
            }
            return p.exitValue() == 0 ? null : "Rscript cannot load " + List.of(packages) + ": " + log.strip();
        } catch (IOException e) {
            return "Rscript cannot run: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /**
     * Runs {@code Rscript script args...}.
     *
     * @return the script's standard output and error
     * @throws AssertionError if the script fails or runs longer than 10 minutes
     */
    public static String run(Path script, List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(RSCRIPT.toString());
        cmd.add(script.toString());
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(600, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new AssertionError("R script " + script + " failed:\n" + log);
        }
        return log;
    }
}

package io.github.scllm.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the peer programs the tests compare against (the system's Python and R). */
public final class PeerProcess {
    private PeerProcess() {
    }

    /** @return true when the program exists and exits with 0 on these arguments within two minutes */
    public static boolean succeeds(Path program, String... args) {
        if (!Files.isExecutable(program)) {
            return false;
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(program.toString());
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Runs a command to its end (at most ten minutes).
     *
     * @param cmd the program and its arguments
     * @param what names the command in the failure message
     * @throws AssertionError with the command's output if it fails
     */
    public static void run(List<String> cmd, String what) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(600, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(what + " failed:\n" + log);
        }
    }
}

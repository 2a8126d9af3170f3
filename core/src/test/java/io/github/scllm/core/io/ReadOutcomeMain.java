package io.github.scllm.core.io;

import java.nio.file.Path;

/**
 * Child process of {@link DamagedFilesTest}: reads each file given (with the heap the test chose) and prints one line
 * per file: milliseconds, the outcome (OK or the exception's simple name) and the message.
 */
public final class ReadOutcomeMain {
    private ReadOutcomeMain() {
    }

    public static void main(String[] args) {
        for (String a : args) {
            long start = System.nanoTime();
            String outcome;
            try {
                MatrixStatistics.of(Path.of(a), ReadOptions.DEFAULTS);
                outcome = "OK\t";
            } catch (Throwable t) {
                outcome = t.getClass().getSimpleName() + "\t" + t.getMessage();
            }
            System.out.println((System.nanoTime() - start) / 1_000_000 + "\t" + outcome.replace('\n', ' '));
            System.out.flush();
        }
    }
}

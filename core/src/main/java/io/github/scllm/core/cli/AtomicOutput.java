package io.github.scllm.core.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import io.github.scllm.core.InvalidInputException;

/**
 * Writes an output file under a temporary name and moves it into place only when complete, so a failed or
 * interrupted run never leaves a half-written file that looks finished.
 */
final class AtomicOutput implements AutoCloseable {
    private final Path target;
    private final Path temp;
    private final BufferedWriter writer;
    private boolean committed;

    AtomicOutput(Path target) {
        this.target = target.toAbsolutePath();
        try {
            Path dir = this.target.getParent();
            Files.createDirectories(dir);
            // createFile, not createTempFile: the result gets the user's usual permissions, not owner-only ones
            this.temp = Files.createFile(dir.resolve("." + this.target.getFileName() + "."
                + Long.toUnsignedString(java.util.concurrent.ThreadLocalRandom.current().nextLong(), 36) + ".part"));
            this.writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException("Cannot write " + target + ": " + e.getMessage()
                + ". Choose a writable output path.", e);
        }
    }

    BufferedWriter writer() {
        return writer;
    }

    /** Moves the finished file into place. */
    void commit() {
        try {
            writer.close();
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            committed = true;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (!committed) {
            try {
                writer.close();
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                // the run already failed; the temporary file is named as such and harmless
            }
        }
    }

    /** @return the text with tabs and line breaks replaced by spaces, so it fits one TSV field */
    static String field(String s) {
        return s == null ? "" : s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }
}

package io.github.scllm.core.io;

import io.github.scllm.core.EngineException;
import io.github.scllm.core.InvalidInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns an {@link OutOfMemoryError} met while reading a file into the failure it stands for. A file far smaller
 * than the heap cannot honestly need all of it: its headers announce more data than it holds, so it is damaged. A
 * file of a size comparable to the heap may simply need more memory, and the message says how to give it.
 */
final class OutOfMemory {
    /** A file needing more than this many times its size in heap is taken as damaged, not as large. */
    private static final long SIZE_FACTOR = 16;

    private OutOfMemory() {
    }

    /**
     * @param file the file being read
     * @param e    the error; the memory it held is already released when this runs
     * @return an {@link InvalidInputException} (damaged file) or an {@link EngineException} (heap too small) whose
     *         one-line message names the file and what to do
     */
    static EngineException of(Path file, OutOfMemoryError e) {
        long heapMb = Runtime.getRuntime().maxMemory() >> 20;
        long size;
        try {
            size = Files.isDirectory(file) ? folderSize(file) : Files.size(file);
        } catch (IOException | RuntimeException io) {
            size = Long.MAX_VALUE;
        }
        if (size < Runtime.getRuntime().maxMemory() / SIZE_FACTOR) {
            return new InvalidInputException("The file " + file + " is damaged: its headers announce more data than "
                + "its " + size + " bytes hold (reading it asked for more than the " + heapMb + " MB of Java heap). "
                + "Download or export it again.", e);
        }
        return new EngineException("Reading " + file + " ran out of memory (" + heapMb + " MB of Java heap). Give "
            + "Java more memory: on the command line java -Xmx8g -jar scllm.jar ..., in KNIME -Xmx8g in knime.ini.",
            e);
    }

    private static long folderSize(Path folder) throws IOException {
        try (var s = Files.list(folder)) {
            long total = 0;
            for (Path p : s.toList()) {
                total += Files.isRegularFile(p) ? Files.size(p) : 0;
            }
            return total;
        }
    }
}

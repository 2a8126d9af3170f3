package io.github.scllm.core.io;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.scllm.core.InvalidInputException;

/**
 * A cell-major copy of a gene-major matrix in a memory-mapped temporary file, built in two passes over an
 * {@link RowSource.EntrySource}: count the entries of each cell, then scatter each entry to its cell's slot. Each
 * entry takes 8 bytes (int gene, float value); the file is mapped in segments of 1 GiB so that it may exceed 2 GB.
 * Entries of a cell keep their emission order. The file is deleted on {@link #close()}.
 */
final class SpillStore implements RowSource {
    private static final int ENTRY_SHIFT = 27;
    private static final long SEGMENT_ENTRIES = 1L << ENTRY_SHIFT;
    private static final long ENTRY_MASK = SEGMENT_ENTRIES - 1;

    private final Path tempFile;
    private final long[] start;
    private final MappedByteBuffer[] segments;

    private SpillStore(Path tempFile, long[] start, MappedByteBuffer[] segments) {
        this.tempFile = tempFile;
        this.start = start;
        this.segments = segments;
    }

    /**
     * Builds the store.
     *
     * @param cells number of cells
     * @param source emits all entries; called twice with the same entries
     * @param what names the matrix in error messages
     */
    static SpillStore build(int cells, RowSource.EntrySource source, String what) {
        long[] start = new long[cells + 1];
        source.emit((cell, gene, value) -> start[cell + 1]++);
        for (int i = 0; i < cells; i++) {
            start[i + 1] += start[i];
        }
        long total = start[cells];
        Path tmp = null;
        try {
            tmp = Files.createTempFile("scllm-transposed-", ".bin");
            tmp.toFile().deleteOnExit();
            int nSeg = (int) ((total + SEGMENT_ENTRIES - 1) / SEGMENT_ENTRIES);
            MappedByteBuffer[] segs = new MappedByteBuffer[nSeg];
            try (RandomAccessFile raf = new RandomAccessFile(tmp.toFile(), "rw")) {
                raf.setLength(total * 8);
                FileChannel ch = raf.getChannel();
                for (int s = 0; s < nSeg; s++) {
                    long from = s * SEGMENT_ENTRIES;
                    long n = Math.min(SEGMENT_ENTRIES, total - from);
                    segs[s] = ch.map(FileChannel.MapMode.READ_WRITE, from * 8, n * 8);
                    segs[s].order(ByteOrder.nativeOrder());
                }
            }
            long[] cursor = java.util.Arrays.copyOf(start, cells);
            source.emit((cell, gene, value) -> {
                long p = cursor[cell]++;
                if (p >= start[cell + 1]) {
                    throw new InvalidInputException("The " + what + " changed between two passes of reading (cell "
                        + cell + "); was the file modified while it was read?");
                }
                MappedByteBuffer b = segs[(int) (p >>> ENTRY_SHIFT)];
                int o = (int) (p & ENTRY_MASK) * 8;
                b.putInt(o, gene);
                b.putFloat(o + 4, value);
            });
            return new SpillStore(tmp, start, segs);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new InvalidInputException("Could not write a temporary file to transpose the " + what + " ("
                + e.getMessage() + "). Free disk space in the temporary folder (java.io.tmpdir).", e);
        } catch (RuntimeException e) {
            deleteQuietly(tmp);
            throw e;
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // the file was registered for deletion on exit
            }
        }
    }

    @Override
    public CellChunk rows(long first, int count) {
        int f = (int) first;
        long from = start[f];
        long to = start[f + count];
        if (to - from > Integer.MAX_VALUE - 16) {
            throw new InvalidInputException("Cells " + first + ".." + (first + count - 1)
                + " hold more values than fit one chunk; read fewer cells at a time.");
        }
        int n = (int) (to - from);
        int[] offsets = new int[count + 1];
        for (int i = 0; i <= count; i++) {
            offsets[i] = (int) (start[f + i] - from);
        }
        int[] genes = new int[n];
        float[] values = new float[n];
        for (int k = 0; k < n; k++) {
            long p = from + k;
            MappedByteBuffer b = segments[(int) (p >>> ENTRY_SHIFT)];
            int o = (int) (p & ENTRY_MASK) * 8;
            genes[k] = b.getInt(o);
            values[k] = b.getFloat(o + 4);
        }
        return new CellChunk(first, offsets, genes, values);
    }

    @Override
    public boolean sparse() {
        return true;
    }

    @Override
    public void close() {
        deleteQuietly(tempFile);
    }
}

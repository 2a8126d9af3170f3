package io.github.scllm.core.cli;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

import io.github.scllm.core.InvalidInputException;

/**
 * A tab-separated table with a header row, read line by line (plain or {@code .gz}), as the commands write them:
 * no quoting, fields never contain tabs or line breaks. Rows shorter than the header are padded with empty fields;
 * longer rows are an error naming the file and line. Knows how far through the file it is, for progress bars.
 */
final class TsvInput implements AutoCloseable {
    private final Path file;
    private final String what;
    private final BufferedReader reader;
    private final CountingStream counted;
    private final long size;
    private final List<String> header;
    private long line = 1;

    private TsvInput(Path file, String what, InputStream raw, long size) throws IOException {
        this.file = file;
        this.what = what;
        this.size = size;
        this.counted = new CountingStream(raw);
        InputStream in = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(counted, 1 << 16)
            : counted;
        this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        String first = reader.readLine();
        if (first == null) {
            throw new InvalidInputException(what + " " + file + " is empty; it needs a header row with the column "
                + "names.");
        }
        if (first.startsWith("\uFEFF")) {
            first = first.substring(1);
        }
        this.header = List.of(stripCr(first).split("\t", -1));
    }

    /**
     * @param file a TSV with a header row
     * @param what what the table is, for messages ("Input table", "Gene embedding table")
     * @throws InvalidInputException when the file does not exist, cannot be read or is empty
     */
    static TsvInput open(Path file, String what) {
        InputStream raw = null;
        try {
            raw = Files.newInputStream(file);
            return new TsvInput(file, what, raw, Math.max(1, Files.size(file)));
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(what + " " + file + " does not exist: check the path.", e);
        } catch (IOException e) {
            closeQuietly(raw);
            throw new InvalidInputException("Cannot read " + what.toLowerCase(java.util.Locale.ROOT) + " " + file
                + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(raw);
            throw e;
        }
    }

    List<String> header() {
        return header;
    }

    /** @return the 1-based line number of the row {@link #next()} returned last (the header is line 1) */
    long line() {
        return line;
    }

    Path file() {
        return file;
    }

    /**
     * @param name   the column's name
     * @param option the option that chooses it, named in the message
     * @return the column's index
     * @throws InvalidInputException when the header has no such column; the message lists the columns there are
     */
    int column(String name, String option) {
        int col = header.indexOf(name);
        if (col < 0) {
            throw new InvalidInputException(what + " " + file + " has no column '" + name + "'. Its columns are: "
                + String.join(", ", header) + ". Choose one with " + option + ".");
        }
        return col;
    }

    /**
     * @return the fields of the next row, as many as the header has columns, or null at the end of the file
     * @throws InvalidInputException when a row has more fields than the header
     * @throws UncheckedIOException  when the file cannot be read
     */
    String[] next() {
        String text;
        try {
            text = reader.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + what.toLowerCase(java.util.Locale.ROOT) + " " + file
                + " at line " + (line + 1) + ": " + e.getMessage(), e);
        }
        if (text == null) {
            return null;
        }
        line++;
        String[] fields = stripCr(text).split("\t", -1);
        if (fields.length == header.size()) {
            return fields;
        }
        if (fields.length > header.size()) {
            throw new InvalidInputException(what + " " + file + ", line " + line + ": " + fields.length
                + " tab-separated fields but the header names " + header.size() + " columns. Remove the tabs inside "
                + "fields or add the missing column names.");
        }
        String[] padded = Arrays.copyOf(fields, header.size());
        Arrays.fill(padded, fields.length, padded.length, "");
        return padded;
    }

    /** @return the fraction of the file's bytes read so far (approximate: the reader reads ahead) */
    double fraction() {
        return Math.min(1.0, counted.count / (double) size);
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            // only read from; nothing is lost
        }
    }

    private static String stripCr(String s) {
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException e) {
                // already failing with a better message
            }
        }
    }

    /** Counts the bytes taken from the file, before decompression. */
    private static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(n);
            count += s;
            return s;
        }
    }
}

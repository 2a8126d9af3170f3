package io.github.scllm.core.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.Printable;
import io.github.scllm.core.UnsupportedFormatException;

/**
 * Opens a MatrixMarket folder as Cell Ranger writes it: {@code matrix.mtx[.gz]} (features x barcodes, 1-based
 * coordinates in any order), {@code features.tsv[.gz]} (id, name, feature type) or {@code genes.tsv[.gz]} (id, name),
 * and {@code barcodes.tsv[.gz]}. The triplets are transposed on first read into a cell-major temporary file.
 */
final class MtxFormat {
    private MtxFormat() {
    }

    /** @return the folder holding the matrix, for a folder or a matrix.mtx[.gz] path */
    static Path folderOf(Path p) {
        if (Files.isDirectory(p)) {
            return p;
        }
        String n = p.getFileName().toString();
        if (n.endsWith(".mtx") || n.endsWith(".mtx.gz")) {
            return p.toAbsolutePath().getParent();
        }
        return null;
    }

    static Path find(Path dir, String... names) {
        for (String n : names) {
            Path f = dir.resolve(n);
            if (Files.isRegularFile(f)) {
                return f;
            }
        }
        return null;
    }

    static StreamingReader open(Path path, ReadOptions options) {
        Path dir = folderOf(path);
        if (dir == null) {
            throw new InvalidInputException(path + " is neither a folder nor a .mtx file.");
        }
        Path matrix = Files.isRegularFile(path) ? path : find(dir, "matrix.mtx.gz", "matrix.mtx");
        Path features = find(dir, "features.tsv.gz", "features.tsv", "genes.tsv.gz", "genes.tsv");
        Path barcodesFile = find(dir, "barcodes.tsv.gz", "barcodes.tsv");
        if (matrix == null || features == null || barcodesFile == null) {
            throw new InvalidInputException("The MatrixMarket folder " + dir + " lacks "
                + (matrix == null ? "matrix.mtx[.gz] " : "") + (features == null ? "features.tsv[.gz]/genes.tsv " : "")
                + (barcodesFile == null ? "barcodes.tsv[.gz]" : "").trim() + ".");
        }
        List<String> featureLines = TextFiles.lines(features);
        int nf = featureLines.size();
        String[] ids = new String[nf];
        String[] names = new String[nf];
        String[] types = null;
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < nf; i++) {
            TextFiles.split(featureLines.get(i), '\t', parts);
            ids[i] = parts.get(0);
            names[i] = parts.size() > 1 ? parts.get(1) : parts.get(0);
            if (parts.size() > 2) {
                if (types == null) {
                    types = new String[nf];
                }
                types[i] = parts.get(2);
            }
        }
        String[] barcodes = TextFiles.lines(barcodesFile).stream().map(l -> l.split("\t", -1)[0])
            .toArray(String[]::new);
        Header h = header(matrix);
        if (h.rows != nf || h.cols != barcodes.length) {
            throw new InvalidInputException(matrix + " declares " + h.rows + " features x " + h.cols
                + " barcodes, but " + features.getFileName() + " has " + nf + " lines and "
                + barcodesFile.getFileName() + " " + barcodes.length + ".");
        }
        TenxH5Format.FeatureFilter ff = TenxH5Format.FeatureFilter.of(ids, names, types, null, options);
        String[] symbols = H5adFormat.geneSymbols(ff.var(), options.geneColumn() == null ? "name"
            : options.geneColumn(), matrix);
        int[] remap = ff.remap();
        int cells = barcodes.length;
        RowSource.EntrySource src = sink -> emit(matrix, h, remap, sink);
        MatrixSummary s = new MatrixSummary(dir, MatrixFormat.TENX_MTX, matrix.getFileName().toString(), cells,
            ff.var().rowCount(), remap == null ? h.entries : -1, symbols, new AnnotationTable(barcodes, List.of()),
            ff.var());
        return new StreamingReader(s, new StreamingReader.LazySpill(cells, src, "matrix " + matrix), options,
            ff.skipped(), 0);
    }

    private record Header(long rows, long cols, long entries, boolean pattern, int skipLines) {
    }

    private static Header header(Path matrix) {
        try (BufferedReader r = TextFiles.open(matrix)) {
            String first = r.readLine();
            if (first == null || !first.startsWith("%%MatrixMarket")) {
                throw new InvalidInputException(matrix + " does not start with a %%MatrixMarket header.");
            }
            String[] f = first.trim().toLowerCase(java.util.Locale.ROOT).split("\\s+");
            if (f.length < 5 || !f[1].equals("matrix") || !f[2].equals("coordinate")) {
                throw new UnsupportedFormatException(matrix + ": only 'matrix coordinate' MatrixMarket files are "
                    + "supported (header: " + first + ").");
            }
            if (!f[4].equals("general")) {
                throw new UnsupportedFormatException(matrix + ": only 'general' symmetry is supported (header: "
                    + first + ").");
            }
            boolean pattern = f[3].equals("pattern");
            if (!pattern && !f[3].equals("integer") && !f[3].equals("real")) {
                throw new UnsupportedFormatException(matrix + ": value type '" + f[3] + "' is not supported; use "
                    + "integer or real.");
            }
            int skip = 1;
            String line = r.readLine();
            while (line != null && (line.startsWith("%") || line.isBlank())) {
                skip++;
                line = r.readLine();
            }
            if (line == null) {
                throw new InvalidInputException(matrix + " ends before its size line.");
            }
            skip++;
            String[] d = line.trim().split("\\s+");
            if (d.length != 3) {
                throw new InvalidInputException(matrix + ": the size line '" + line + "' must hold rows, columns "
                    + "and entries.");
            }
            return new Header(Long.parseLong(d[0]), Long.parseLong(d[1]), Long.parseLong(d[2]), pattern, skip);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(matrix + ": the size line is not numeric (" + e.getMessage() + ").", e);
        } catch (IOException | UncheckedIOException e) {
            throw new InvalidInputException("Could not read " + matrix + ": " + e.getMessage(), e);
        }
    }

    private static void emit(Path matrix, Header h, int[] remap, RowSource.EntrySink sink) {
        long lineNo = 0;
        long seen = 0;
        try (BufferedReader r = TextFiles.open(matrix)) {
            for (int i = 0; i < h.skipLines; i++) {
                r.readLine();
                lineNo++;
            }
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                int a = skipSpace(line, 0);
                int b = nextSpace(line, a);
                int c = skipSpace(line, b);
                int d = nextSpace(line, c);
                long row = Long.parseLong(line, a, b, 10);
                long col = Long.parseLong(line, c, d, 10);
                float v = 1f;
                int end = d;
                if (!h.pattern) {
                    int e = skipSpace(line, d);
                    end = nextSpace(line, e);
                    if (!isDecimal(line, e, end)) {
                        throw new InvalidInputException(matrix + " line " + lineNo + ": the value '"
                            + Printable.escape(line.substring(e, end), 40) + "' is not a decimal number.");
                    }
                    v = Float.parseFloat(line.substring(e, end));
                }
                if (skipSpace(line, end) < line.length()) {
                    throw new InvalidInputException(matrix + " line " + lineNo + " has more than the " + (h.pattern
                        ? 2 : 3) + " fields of a '" + (h.pattern ? "row column" : "row column value") + "' entry: '"
                        + Printable.escape(line, 80) + "'.");
                }
                if (row < 1 || row > h.rows || col < 1 || col > h.cols) {
                    throw new InvalidInputException(matrix + " line " + lineNo + ": entry (" + row + ", " + col
                        + ") is outside the declared size " + h.rows + " x " + h.cols + ".");
                }
                seen++;
                int gene = (int) row - 1;
                if (remap != null) {
                    gene = remap[gene];
                    if (gene < 0) {
                        continue;
                    }
                }
                sink.accept((int) col - 1, gene, v);
            }
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            throw new InvalidInputException(matrix + " line " + lineNo + " is not a 'row column value' triplet ("
                + Printable.escape(e.getMessage(), 120) + ").", e);
        } catch (IOException | UncheckedIOException e) {
            throw new InvalidInputException("Could not read " + matrix + " at line " + lineNo + " (" + e.getMessage()
                + "); it may be truncated.", e);
        }
        if (seen != h.entries) {
            throw new InvalidInputException(matrix + " declares " + h.entries + " entries but holds " + seen
                + "; the file is truncated or corrupted.");
        }
    }

    /**
     * @return whether {@code s[from, to)} is a decimal number as MatrixMarket writes them ({@code [+-]digits[.digits]
     *         [e[+-]digits]}), refusing what Java's parser also takes: type suffixes (2f, 1d), hexadecimal (0x1p3),
     *         NaN and Infinity
     */
    static boolean isDecimal(String s, int from, int to) {
        int i = from;
        if (i < to && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
            digits++;
        }
        if (i < to && s.charAt(i) == '.') {
            i++;
            while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < to && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < to && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exponent = 0;
            while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
                exponent++;
            }
            if (exponent == 0) {
                return false;
            }
        }
        return i == to;
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private static int nextSpace(String s, int i) {
        while (i < s.length() && s.charAt(i) != ' ' && s.charAt(i) != '\t') {
            i++;
        }
        return i;
    }
}

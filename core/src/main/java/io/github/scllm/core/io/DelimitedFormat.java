package io.github.scllm.core.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.scllm.core.InvalidInputException;

/**
 * Opens a dense CSV or TSV table (optionally gzipped): the delimiter is a tab when the header has one, else a
 * comma; the first row is the header, the first column the row IDs. Genes x cells tables are transposed on first
 * read; cells x genes tables are copied the same way (text cannot be sliced). An optional metadata table is joined
 * on the cell ID into obs with typed columns; cells without a metadata row get missing values.
 */
final class DelimitedFormat {
    private DelimitedFormat() {
    }

    static StreamingReader open(Path file, ReadOptions options) {
        boolean genesByCells = options.orientation() == Orientation.GENES_BY_CELLS;
        List<String> rowIds = new ArrayList<>();
        String[] header;
        char sep;
        List<String> parts = new ArrayList<>();
        long lineNo = 1;
        try (BufferedReader r = TextFiles.open(file)) {
            String h = r.readLine();
            if (h == null) {
                throw new InvalidInputException(file + " is empty.");
            }
            sep = TextFiles.delimiterOf(h);
            header = TextFiles.split(h, sep, parts).toArray(String[]::new);
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lineNo++;
                if (line.isEmpty()) {
                    continue;
                }
                int cut = line.indexOf(sep);
                String id = cut < 0 ? line : line.substring(0, cut);
                rowIds.add(unquote(id));
            }
        } catch (IOException | UncheckedIOException e) {
            throw new InvalidInputException("Could not read " + file + " at line " + lineNo + " (" + e.getMessage()
                + "); it may be truncated or not valid gzip.", e);
        }
        // header either has a corner cell (n+1 fields) or only the column names
        String[] colIds = header.length > 0 ? java.util.Arrays.copyOfRange(header, 1, header.length) : header;
        String[] rows = rowIds.toArray(String[]::new);
        String[] cellIds = genesByCells ? colIds : rows;
        String[] genes = genesByCells ? rows : colIds;
        int nCols = colIds.length;
        AnnotationTable obs = new AnnotationTable(cellIds, List.of());
        int withoutMeta = 0;
        if (options.metadataFile() != null) {
            Joined j = join(cellIds, options.metadataFile());
            obs = j.table;
            withoutMeta = j.missing;
        }
        AnnotationTable var = new AnnotationTable(genes, List.of());
        String[] symbols = H5adFormat.geneSymbols(var, options.geneColumn(), file);
        int nCells = cellIds.length;
        RowSource.EntrySource src = sink -> emit(file, sep, nCols, genesByCells, sink);
        MatrixSummary s = new MatrixSummary(file, MatrixFormat.DELIMITED, genesByCells ? "genes x cells"
            : "cells x genes", nCells, genes.length, -1, symbols, obs, var);
        return new StreamingReader(s, new StreamingReader.LazySpill(nCells, src, "table " + file), options, 0,
            withoutMeta);
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.charAt(0) == '"' && s.charAt(s.length() - 1) == '"'
            ? s.substring(1, s.length() - 1) : s;
    }

    private static void emit(Path file, char sep, int nCols, boolean genesByCells, RowSource.EntrySink sink) {
        long lineNo = 1;
        int row = 0;
        int col = 0;
        try (BufferedReader r = TextFiles.open(file)) {
            r.readLine();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lineNo++;
                if (line.isEmpty()) {
                    continue;
                }
                int n = line.length();
                int p = line.indexOf(sep);
                col = 0;
                while (p >= 0 && p < n) {
                    int start = p + 1;
                    int end = line.indexOf(sep, start);
                    if (end < 0) {
                        end = n;
                    }
                    if (col >= nCols) {
                        throw new InvalidInputException(file + " line " + lineNo + " has more than " + nCols
                            + " values; every row must have one value per header column.");
                    }
                    float v = parse(line, start, end);
                    if (v != 0f) {
                        if (genesByCells) {
                            sink.accept(col, row, v);
                        } else {
                            sink.accept(row, col, v);
                        }
                    }
                    col++;
                    p = end;
                }
                if (col != nCols) {
                    throw new InvalidInputException(file + " line " + lineNo + " has " + col + " values, the header "
                        + nCols + ".");
                }
                row++;
            }
        } catch (NumberFormatException e) {
            throw new InvalidInputException(file + " line " + lineNo + ", column " + (col + 2)
                + ": not a number (" + e.getMessage() + ").", e);
        } catch (IOException | UncheckedIOException e) {
            throw new InvalidInputException("Could not read " + file + " at line " + lineNo + " (" + e.getMessage()
                + "); it may be truncated.", e);
        }
    }

    private static float parse(String line, int start, int end) {
        if (end - start == 1) {
            char c = line.charAt(start);
            if (c >= '0' && c <= '9') {
                return c - '0';
            }
        }
        String t = line.substring(start, end).trim();
        if (t.length() >= 2 && t.charAt(0) == '"') {
            t = t.substring(1, t.length() - 1);
        }
        if (t.equals("NA")) {
            return Float.NaN;
        }
        return Float.parseFloat(t);
    }

    private record Joined(AnnotationTable table, int missing) {
    }

    /** Joins a metadata table on the cell ID (its first column). */
    static Joined join(String[] cellIds, Path meta) {
        List<String> lines = TextFiles.lines(meta);
        if (lines.isEmpty()) {
            throw new InvalidInputException("The metadata file " + meta + " is empty.");
        }
        char sep = TextFiles.delimiterOf(lines.get(0));
        List<String> parts = new ArrayList<>();
        List<String> head = new ArrayList<>(TextFiles.split(lines.get(0), sep, parts));
        int rows = lines.size() - 1;
        // header may lack the corner cell (R's write.csv with row names has it as "")
        int nValues = rows > 0 ? TextFiles.split(lines.get(1), sep, parts).size() - 1 : head.size() - 1;
        List<String> colNames = head.size() == nValues ? head : head.subList(1, head.size());
        int nc = colNames.size();
        Map<String, Integer> cellIndex = new HashMap<>(cellIds.length * 2);
        for (int i = 0; i < cellIds.length; i++) {
            cellIndex.put(cellIds[i], i);
        }
        String[][] values = new String[nc][cellIds.length];
        boolean[] found = new boolean[cellIds.length];
        for (int r = 0; r < rows; r++) {
            TextFiles.split(lines.get(r + 1), sep, parts);
            if (parts.size() == 1 && parts.get(0).isEmpty()) {
                continue;
            }
            if (parts.size() != nc + 1) {
                throw new InvalidInputException("The metadata file " + meta + " line " + (r + 2) + " has "
                    + parts.size() + " fields; the header needs " + (nc + 1) + ".");
            }
            Integer cell = cellIndex.get(parts.get(0));
            if (cell == null) {
                continue;
            }
            found[cell] = true;
            for (int c = 0; c < nc; c++) {
                values[c][cell] = parts.get(c + 1);
            }
        }
        int missing = 0;
        for (boolean f : found) {
            missing += f ? 0 : 1;
        }
        List<AnnotationColumn> cols = new ArrayList<>();
        for (int c = 0; c < nc; c++) {
            cols.add(typed(colNames.get(c), values[c]));
        }
        return new Joined(new AnnotationTable(cellIds, cols), missing);
    }

    private static boolean isNa(String s) {
        return s == null || s.isEmpty() || s.equals("NA");
    }

    /** Types a text column: integer, double, boolean, else string; NA and empty fields are missing. */
    static AnnotationColumn typed(String name, String[] v) {
        int n = v.length;
        boolean[] miss = new boolean[n];
        boolean isLong = true;
        boolean isDouble = true;
        boolean isBool = true;
        for (int i = 0; i < n; i++) {
            miss[i] = isNa(v[i]);
            if (miss[i]) {
                continue;
            }
            String s = v[i];
            if (isLong) {
                try {
                    Long.parseLong(s);
                } catch (NumberFormatException e) {
                    isLong = false;
                }
            }
            if (isDouble && !isLong) {
                try {
                    Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    isDouble = false;
                }
            }
            if (isBool && !(s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
                isBool = false;
            }
        }
        if (isLong) {
            long[] out = new long[n];
            for (int i = 0; i < n; i++) {
                out[i] = miss[i] ? 0 : Long.parseLong(v[i]);
            }
            return new AnnotationColumn.Integers(name, out, miss);
        }
        if (isDouble) {
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                out[i] = miss[i] ? Double.NaN : Double.parseDouble(v[i]);
            }
            return new AnnotationColumn.Doubles(name, out, miss);
        }
        if (isBool) {
            boolean[] out = new boolean[n];
            for (int i = 0; i < n; i++) {
                out[i] = !miss[i] && v[i].equalsIgnoreCase("true");
            }
            return new AnnotationColumn.Booleans(name, out, miss);
        }
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            out[i] = miss[i] ? null : v[i];
        }
        return AnnotationColumn.Strings.plain(name, out);
    }
}

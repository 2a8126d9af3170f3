package io.github.scllm.core.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.UnsupportedFormatException;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;

/**
 * Opens AnnData {@code .h5ad} files of every on-disk generation: anndata >= 0.8 (every element carries
 * {@code encoding-type}/{@code encoding-version}), 0.7 (dataframes 0.1.0, categoricals as object references to
 * {@code __categories}) and the legacy layout (compound obs/var, {@code uns/<col>_categories},
 * {@code h5sparse_format}, {@code raw.X}). Annotation elements are decoded through a table keyed by
 * (encoding type, version), one decoder per encoding; an unknown pair is an {@link UnsupportedFormatException}
 * naming the HDF5 path.
 */
final class H5adFormat {
    /** Decodes one dataframe column element into a column of {@code rows} values. */
    @FunctionalInterface
    private interface ColumnDecoder {
        AnnotationColumn decode(H5adFormat ctx, String name, Node node, int rows);
    }

    private static final Map<String, ColumnDecoder> DECODERS = Map.of(
        "categorical@0.2.0", H5adFormat::categorical,
        "string-array@0.2.0", H5adFormat::array,
        "array@0.2.0", H5adFormat::array,
        "nullable-integer@0.1.0", H5adFormat::nullable,
        "nullable-boolean@0.1.0", H5adFormat::nullable,
        "nullable-string-array@0.1.0", H5adFormat::nullable);

    private final Path file;
    private final HdfFile h5;

    private H5adFormat(Path file, HdfFile h5) {
        this.file = file;
        this.h5 = h5;
    }

    static StreamingReader open(Path file, ReadOptions options) {
        HdfFile h5 = Hdf5.open(file);
        try {
            return new H5adFormat(file, h5).read(options);
        } catch (RuntimeException e) {
            h5.close();
            throw e;
        }
    }

    private StreamingReader read(ReadOptions options) {
        String rootType = Hdf5.attrString(h5, "encoding-type");
        if (rootType != null && !rootType.equals("anndata")) {
            throw unsupported("/", rootType, Hdf5.attrString(h5, "encoding-version"));
        }
        Node obsNode = h5.getChildren().get("obs");
        if (obsNode == null) {
            throw new InvalidInputException(file + " has no 'obs' element; it is not an AnnData file.");
        }
        AnnotationTable obs = dataframe(obsNode);
        MatrixChoice choice = options.matrix();
        Node matrixNode;
        Node varNode;
        String matrixName;
        switch (choice.kind()) {
            case RAW -> {
                Node raw = h5.getChildren().get("raw");
                if (raw instanceof Group rg && rg.getChildren().containsKey("X")) {
                    matrixNode = rg.getChild("X");
                    varNode = rg.getChildren().get("var");
                    matrixName = "raw/X";
                } else if (h5.getChildren().containsKey("raw.X")) {
                    matrixNode = h5.getChild("raw.X");
                    varNode = h5.getChildren().get("raw.var");
                    matrixName = "raw.X";
                } else {
                    throw new InvalidInputException(file + " has no raw matrix (raw/X); choose X or a layer.");
                }
            }
            case LAYER -> {
                Node layers = h5.getChildren().get("layers");
                List<String> names = layers instanceof Group lg ? new ArrayList<>(lg.getChildren().keySet())
                    : List.of();
                if (!names.contains(choice.layer())) {
                    throw new InvalidInputException(file + " has no layer '" + choice.layer() + "'. Layers: "
                        + (names.isEmpty() ? "none" : String.join(", ", names)) + ".");
                }
                matrixNode = ((Group) layers).getChild(choice.layer());
                varNode = h5.getChildren().get("var");
                matrixName = "layers/" + choice.layer();
            }
            default -> {
                matrixNode = h5.getChildren().get("X");
                varNode = h5.getChildren().get("var");
                matrixName = "X";
                if (matrixNode == null) {
                    throw new InvalidInputException(file + " has no X matrix; choose raw or a layer (elements: "
                        + h5.getChildren().keySet() + ").");
                }
            }
        }
        if (varNode == null) {
            throw new InvalidInputException(file + " has no var table for " + matrixName + ".");
        }
        AnnotationTable var = dataframe(varNode);
        String[] symbols = geneSymbols(var, options.geneColumn(), file);
        int cells = obs.rowCount();
        int genes = var.rowCount();
        RowSource rows;
        long stored;
        if (matrixNode instanceof Dataset ds) {
            String t = Hdf5.attrString(ds, "encoding-type");
            if (t != null && !(t.equals("array") && "0.2.0".equals(Hdf5.attrString(ds, "encoding-version")))) {
                throw unsupported(ds.getPath(), t, Hdf5.attrString(ds, "encoding-version"));
            }
            rows = new HdfDense(file, ds, cells, genes);
            stored = (long) cells * genes;
        } else {
            Group g = (Group) matrixNode;
            String t = Hdf5.attrString(g, "encoding-type");
            String format;
            long[] shape;
            if (t != null) {
                String v = Hdf5.attrString(g, "encoding-version");
                if (!(t.equals("csr_matrix") || t.equals("csc_matrix")) || !"0.1.0".equals(v)) {
                    throw unsupported(g.getPath(), t, v);
                }
                format = t.substring(0, 3);
                shape = Hdf5.attrLongs(g, "shape");
            } else if (g.getAttributes().containsKey("h5sparse_format")) {
                format = Hdf5.attrString(g, "h5sparse_format");
                shape = Hdf5.attrLongs(g, "h5sparse_shape");
            } else {
                throw new UnsupportedFormatException("The matrix group " + g.getPath() + " in " + file
                    + " has neither an encoding-type nor an h5sparse_format attribute; it is not a matrix this "
                    + "reader knows. Re-save the file with a current anndata.");
            }
            if (shape == null || shape.length != 2 || shape[0] != cells || shape[1] != genes) {
                throw new InvalidInputException("The matrix " + g.getPath() + " in " + file + " has shape "
                    + java.util.Arrays.toString(shape) + " but obs has " + cells + " rows and var " + genes
                    + " rows.");
            }
            if ("csr".equals(format)) {
                HdfSparse sp = new HdfSparse(file, g, cells, genes);
                rows = sp.cellMajor(null);
                stored = sp.storedValues();
            } else if ("csc".equals(format)) {
                HdfSparse sp = new HdfSparse(file, g, genes, cells);
                rows = new StreamingReader.LazySpill(cells, sp.geneMajor(), "matrix " + g.getPath() + " of " + file);
                stored = sp.storedValues();
            } else {
                throw new UnsupportedFormatException("The sparse matrix " + g.getPath() + " in " + file
                    + " has format '" + format + "'; only csr and csc are supported.");
            }
        }
        MatrixSummary s = new MatrixSummary(file, MatrixFormat.H5AD, matrixName, cells, genes, stored, symbols, obs,
            var);
        return new StreamingReader(s, rows, options, 0, 0, h5);
    }

    /** Gene symbols from the var index or a named var column. */
    static String[] geneSymbols(AnnotationTable var, String column, Path file) {
        if (column == null) {
            return var.rowNames();
        }
        AnnotationColumn c = var.column(column).orElseThrow(() -> new InvalidInputException("The gene column '"
            + column + "' does not exist in the var table of " + file + ". Available columns: "
            + String.join(", ", var.columns().stream().map(AnnotationColumn::name).toList())
            + " (or leave it empty to use the var index)."));
        String[] out = new String[var.rowCount()];
        for (int i = 0; i < out.length; i++) {
            String t = c.text(i);
            out[i] = t == null ? var.rowNames()[i] : t;
        }
        return out;
    }

    private UnsupportedFormatException unsupported(String path, String type, String version) {
        return new UnsupportedFormatException("The element " + path + " of " + file + " has encoding-type '" + type
            + "', version '" + version + "', which this reader does not support. Known encodings: anndata 0.1.0, "
            + "dataframe 0.1.0/0.2.0, csr_matrix/csc_matrix 0.1.0, array/string-array/categorical 0.2.0, "
            + "nullable-integer/nullable-boolean/nullable-string-array 0.1.0. Re-save the file with anndata 0.8-0.11 "
            + "or convert the column.");
    }

    // ---------------------------------------------------------------- dataframes

    private AnnotationTable dataframe(Node node) {
        if (node instanceof Dataset ds) {
            return legacyDataframe(ds);
        }
        Group g = (Group) node;
        String type = Hdf5.attrString(g, "encoding-type");
        String version = Hdf5.attrString(g, "encoding-version");
        if (type == null && g.getAttributes().containsKey("_index")) {
            type = "dataframe";
            version = "0.1.0";
        }
        if (!"dataframe".equals(type) || !("0.1.0".equals(version) || "0.2.0".equals(version))) {
            throw unsupported(g.getPath(), type, version);
        }
        String indexName = Hdf5.attrString(g, "_index");
        if (indexName == null) {
            indexName = "_index";
        }
        Dataset index = Hdf5.dataset(file, g, indexName);
        String[] rowNames = Arrays1d.toTexts(Hdf5.readAll(file, index), index.getPath());
        String[] order = Hdf5.attrStrings(g, "column-order");
        List<AnnotationColumn> cols = new ArrayList<>();
        for (String col : order) {
            Node c = g.getChildren().get(col);
            if (c == null) {
                throw new InvalidInputException(g.getPath() + " in " + file + " lists column '" + col
                    + "' in column-order but has no such element.");
            }
            cols.add(column(col, c, rowNames.length));
        }
        return new AnnotationTable(rowNames, cols);
    }

    private AnnotationColumn column(String name, Node node, int rows) {
        String type = Hdf5.attrString(node, "encoding-type");
        AnnotationColumn c;
        if (type == null) {
            if (!(node instanceof Dataset ds)) {
                throw unsupported(node.getPath(), null, null);
            }
            Attribute cats = ds.getAttributes().get("categories");
            c = cats != null ? categorical07(name, ds, cats) : array(this, name, ds, rows);
        } else {
            String version = Hdf5.attrString(node, "encoding-version");
            ColumnDecoder d = DECODERS.get(type + "@" + version);
            if (d == null) {
                throw unsupported(node.getPath(), type, version);
            }
            c = d.decode(this, name, node, rows);
        }
        if (c.size() != rows) {
            throw new InvalidInputException("Column " + node.getPath() + " of " + file + " has " + c.size()
                + " values for " + rows + " rows.");
        }
        return c;
    }

    private static AnnotationColumn array(H5adFormat ctx, String name, Node node, int rows) {
        Dataset ds = (Dataset) node;
        Object data = Hdf5.readAll(ctx.file, ds);
        return fromArray(name, data, Hdf5.isEnum(ds), ds.getPath());
    }

    static AnnotationColumn fromArray(String name, Object data, boolean isEnum, String where) {
        if (data instanceof String[] s) {
            if (isEnum || allBooleanWords(s)) {
                boolean[] b = new boolean[s.length];
                for (int i = 0; i < s.length; i++) {
                    b[i] = "TRUE".equalsIgnoreCase(s[i]);
                }
                return new AnnotationColumn.Booleans(name, b, null);
            }
            return AnnotationColumn.Strings.plain(name, s);
        }
        if (data instanceof boolean[] b) {
            return new AnnotationColumn.Booleans(name, b, null);
        }
        if (Arrays1d.isIntegral(data)) {
            return new AnnotationColumn.Integers(name, Arrays1d.toLongs(data, where), null);
        }
        double[] d = Arrays1d.toDoubles(data);
        if (d != null) {
            boolean[] miss = new boolean[d.length];
            boolean any = false;
            for (int i = 0; i < d.length; i++) {
                miss[i] = Double.isNaN(d[i]);
                any |= miss[i];
            }
            return new AnnotationColumn.Doubles(name, d.clone(), any ? miss : null);
        }
        return AnnotationColumn.Strings.plain(name, Arrays1d.toTexts(data, where));
    }

    private static boolean allBooleanWords(String[] s) {
        if (s.length == 0) {
            return false;
        }
        for (String v : s) {
            if (!"TRUE".equals(v) && !"FALSE".equals(v)) {
                return false;
            }
        }
        return true;
    }

    private static AnnotationColumn categorical(H5adFormat ctx, String name, Node node, int rows) {
        Group g = (Group) node;
        Dataset codesDs = Hdf5.dataset(ctx.file, g, "codes");
        Dataset catsDs = Hdf5.dataset(ctx.file, g, "categories");
        long[] codes = Arrays1d.toLongs(Hdf5.readAll(ctx.file, codesDs), codesDs.getPath());
        String[] cats = Arrays1d.toTexts(Hdf5.readAll(ctx.file, catsDs), catsDs.getPath());
        return ctx.makeCategorical(name, codes, cats, g.getPath());
    }

    private AnnotationColumn makeCategorical(String name, long[] codes, String[] cats, String where) {
        int[] c = new int[codes.length];
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] < -1 || codes[i] >= cats.length) {
                throw new InvalidInputException("Categorical " + where + " in " + file + " has code " + codes[i]
                    + " at row " + (i + 1) + " but only " + cats.length + " categories; the file is corrupted.");
            }
            c[i] = (int) codes[i];
        }
        return AnnotationColumn.Strings.categorical(name, cats, c);
    }

    private AnnotationColumn categorical07(String name, Dataset codesDs, Attribute ref) {
        Object r = ref.getData();
        long address;
        if (r instanceof Long l) {
            address = l;
        } else if (r instanceof long[] la && la.length == 1) {
            address = la[0];
        } else {
            // legacy-style string categories stored directly in the attribute
            String[] cats = Arrays1d.toTexts(r, codesDs.getPath() + "@categories");
            long[] codes = Arrays1d.toLongs(Hdf5.readAll(file, codesDs), codesDs.getPath());
            return makeCategorical(name, codes, cats, codesDs.getPath());
        }
        Node target = h5.getNodeByAddress(address);
        if (!(target instanceof Dataset catsDs)) {
            throw new InvalidInputException("The categories reference of " + codesDs.getPath() + " in " + file
                + " does not point to a dataset.");
        }
        String[] cats = Arrays1d.toTexts(Hdf5.readAll(file, catsDs), codesDs.getPath() + " categories");
        long[] codes = Arrays1d.toLongs(Hdf5.readAll(file, codesDs), codesDs.getPath());
        return makeCategorical(name, codes, cats, codesDs.getPath());
    }

    private static AnnotationColumn nullable(H5adFormat ctx, String name, Node node, int rows) {
        Group g = (Group) node;
        String type = Hdf5.attrString(g, "encoding-type");
        Dataset valuesDs = Hdf5.dataset(ctx.file, g, "values");
        Dataset maskDs = Hdf5.dataset(ctx.file, g, "mask");
        Object values = Hdf5.readAll(ctx.file, valuesDs);
        boolean[] mask = booleans(Hdf5.readAll(ctx.file, maskDs), maskDs.getPath());
        switch (type) {
            case "nullable-integer" -> {
                return new AnnotationColumn.Integers(name, Arrays1d.toLongs(values, valuesDs.getPath()), mask);
            }
            case "nullable-boolean" -> {
                return new AnnotationColumn.Booleans(name, booleans(values, valuesDs.getPath()), mask);
            }
            default -> {
                String[] s = Arrays1d.toTexts(values, valuesDs.getPath()).clone();
                for (int i = 0; i < s.length && i < mask.length; i++) {
                    if (mask[i]) {
                        s[i] = null;
                    }
                }
                return AnnotationColumn.Strings.plain(name, s);
            }
        }
    }

    private static boolean[] booleans(Object data, String where) {
        if (data instanceof boolean[] b) {
            return b;
        }
        if (data instanceof String[] s) {
            boolean[] b = new boolean[s.length];
            for (int i = 0; i < s.length; i++) {
                b[i] = "TRUE".equalsIgnoreCase(s[i]) || "1".equals(s[i]);
            }
            return b;
        }
        long[] l = Arrays1d.toLongs(data, where);
        boolean[] b = new boolean[l.length];
        for (int i = 0; i < l.length; i++) {
            b[i] = l[i] != 0;
        }
        return b;
    }

    private AnnotationTable legacyDataframe(Dataset ds) {
        if (!ds.isCompound()) {
            throw new UnsupportedFormatException(ds.getPath() + " in " + file
                + " is a plain dataset, not a dataframe; this h5ad layout is not supported.");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = (Map<String, Object>) Hdf5.readAll(file, ds);
        Object index = fields.get("index");
        if (index == null) {
            throw new InvalidInputException("The legacy dataframe " + ds.getPath() + " in " + file
                + " has no 'index' field (fields: " + fields.keySet() + ").");
        }
        String[] rowNames = Arrays1d.toTexts(index, ds.getPath() + ".index");
        Group uns = h5.getChildren().get("uns") instanceof Group u ? u : null;
        List<AnnotationColumn> cols = new ArrayList<>();
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            if (e.getKey().equals("index")) {
                continue;
            }
            Node cats = uns == null ? null : uns.getChildren().get(e.getKey() + "_categories");
            if (cats instanceof Dataset catsDs && Arrays1d.isIntegral(e.getValue())) {
                String[] c = Arrays1d.toTexts(Hdf5.readAll(file, catsDs), catsDs.getPath());
                cols.add(makeCategorical(e.getKey(), Arrays1d.toLongs(e.getValue(), ""), c,
                    ds.getPath() + "." + e.getKey()));
            } else {
                cols.add(fromArray(e.getKey(), e.getValue(), false, ds.getPath() + "." + e.getKey()));
            }
        }
        return new AnnotationTable(rowNames, cols);
    }
}

package io.github.scllm.core.io;

import java.nio.file.Path;
import java.util.List;

import io.github.scllm.core.EngineException;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.Printable;
import io.github.scllm.core.UnsupportedFormatException;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfFilterException;
import io.jhdf.filter.PipelineFilterWithData;
import io.jhdf.object.datatype.EnumDataType;

/** Small helpers over jHDF that turn its failures into messages naming the file and the HDF5 path. */
final class Hdf5 {
    /** Filters jHDF cannot decode, with their registered names. */
    private static final java.util.Map<Integer, String> UNSUPPORTED_FILTERS = java.util.Map.of(
        32001, "Blosc", 32015, "Zstandard", 4, "SZIP", 5, "N-bit", 6, "scale-offset", 32026, "Blosc2");

    /** Filters jHDF decodes: deflate, shuffle, Fletcher-32, LZF, LZ4, bitshuffle. */
    private static final java.util.Set<Integer> DECODABLE_FILTERS = java.util.Set.of(1, 2, 3, 32000, 32004, 32008);

    private Hdf5() {
    }

    static HdfFile open(Path file) {
        try {
            return new HdfFile(file);
        } catch (RuntimeException e) {
            throw new InvalidInputException("Could not open " + file + " as HDF5 (" + e.getMessage()
                + "). The file may be truncated or corrupted; download or export it again.", e);
        }
    }

    static Node child(Group g, String name) {
        Node n = g.getChildren().get(name);
        return n;
    }

    /** @return a string attribute (scalar, or the first of an array), or {@code null} when absent */
    static String attrString(Node node, String name) {
        Attribute a = node.getAttributes().get(name);
        if (a == null || a.isEmpty()) {
            return null;
        }
        Object d = a.getData();
        if (d instanceof String s) {
            return s;
        }
        if (d instanceof String[] s) {
            return s.length == 0 ? null : s[0];
        }
        if (d instanceof byte[] b) {
            return new String(b, java.nio.charset.StandardCharsets.UTF_8);
        }
        return String.valueOf(d);
    }

    /** @return an attribute as a list of strings; empty when absent or empty */
    static String[] attrStrings(Node node, String name) {
        Attribute a = node.getAttributes().get(name);
        if (a == null || a.isEmpty()) {
            return new String[0];
        }
        Object d = a.getData();
        if (d == null) {
            return new String[0];
        }
        if (d instanceof String s) {
            return new String[] {s};
        }
        return Arrays1d.toTexts(d, node.getPath() + "@" + name);
    }

    /** @return an integer attribute array, or {@code null} when absent */
    static long[] attrLongs(Node node, String name) {
        Attribute a = node.getAttributes().get(name);
        if (a == null || a.isEmpty()) {
            return null;
        }
        return Arrays1d.toLongs(a.getData(), node.getPath() + "@" + name);
    }

    /** @return whether the dataset stores an HDF5 enum (h5py's numpy bool) */
    static boolean isEnum(Dataset ds) {
        return ds.getDataType() instanceof EnumDataType;
    }

    /** Fails with a clear message when the dataset needs a compression filter jHDF lacks. */
    static void checkFilters(Path file, Dataset ds) {
        List<PipelineFilterWithData> filters;
        try {
            filters = ds.getFilters();
        } catch (HdfFilterException e) {
            throw unsupportedFilter(file, ds.getPath(), e.getMessage(), e);
        } catch (RuntimeException e) {
            return;
        }
        if (filters == null) {
            return;
        }
        for (PipelineFilterWithData f : filters) {
            String name = UNSUPPORTED_FILTERS.get(f.getId());
            if (name != null) {
                throw unsupportedFilter(file, ds.getPath(), name + " (filter id " + f.getId() + ")", null);
            }
        }
    }

    /**
     * @return for a dataset whose filters this reader all decodes, a damaged-file error (the compressed bytes are
     *         corrupt); otherwise the unsupported-filter error
     */
    static EngineException filterFailure(Path file, Dataset ds, HdfFilterException e) {
        List<PipelineFilterWithData> filters;
        try {
            filters = ds.getFilters();
        } catch (RuntimeException unreadable) {
            filters = null;
        }
        boolean allDecodable = filters != null && filters.stream().allMatch(f -> DECODABLE_FILTERS.contains(f.getId()));
        if (allDecodable) {
            return new InvalidInputException("The file " + file + " is damaged: the compressed data of the dataset "
                + ds.getPath() + " cannot be decoded (" + Printable.escape(e.getMessage(), 200) + "). Download or "
                + "export it again.", e);
        }
        return unsupportedFilter(file, ds.getPath(), Printable.escape(e.getMessage(), 200), e);
    }

    static UnsupportedFormatException unsupportedFilter(Path file, String path, String what, Throwable cause) {
        return new UnsupportedFormatException("The dataset " + path + " in " + file
            + " is compressed with a filter this reader cannot decode: " + what
            + ". Supported: gzip/deflate, shuffle, LZF, LZ4, bitshuffle. Re-save the file with gzip, e.g. "
            + "adata.write_h5ad(path, compression=\"gzip\") in Python.", cause);
    }

    /** Reads a whole small dataset (annotation, indptr) with errors naming the path. */
    static Object readAll(Path file, Dataset ds) {
        checkFilters(file, ds);
        try {
            Object d = ds.getData();
            return d;
        } catch (HdfFilterException e) {
            throw filterFailure(file, ds, e);
        } catch (RuntimeException e) {
            throw new InvalidInputException("Could not read the dataset " + ds.getPath() + " of " + file + ": "
                + e.getMessage() + ". The file may be truncated or corrupted.", e);
        }
    }

    /** Reads {@code len} elements of a 1-D dataset from {@code offset}. */
    static Object slice(Path file, Dataset ds, long offset, int len) {
        try {
            return ds.getData(new long[] {offset}, new int[] {len});
        } catch (HdfFilterException e) {
            throw filterFailure(file, ds, e);
        } catch (RuntimeException e) {
            throw new InvalidInputException("Could not read elements " + offset + ".." + (offset + len - 1)
                + " of the dataset " + ds.getPath() + " in " + file + ": " + e.getMessage()
                + ". The file may be truncated or corrupted.", e);
        }
    }

    /** @return the dataset at {@code name} below {@code g}, or a clear error */
    static Dataset dataset(Path file, Group g, String name) {
        Node n = g.getChildren().get(name);
        if (n == null) {
            throw new InvalidInputException("The HDF5 group " + g.getPath() + " of " + file + " has no '" + name
                + "' dataset (children: " + g.getChildren().keySet() + ").");
        }
        if (!(n instanceof Dataset d)) {
            throw new InvalidInputException(n.getPath() + " in " + file + " is a group, expected a dataset.");
        }
        return d;
    }

    /** @return the length of a 1-D dataset */
    static long length1d(Path file, Dataset ds) {
        long[] dims = ds.getDimensionsAsLong();
        if (dims.length != 1) {
            throw new InvalidInputException("The dataset " + ds.getPath() + " of " + file + " has "
                + dims.length + " dimensions, expected 1.");
        }
        return dims[0];
    }
}

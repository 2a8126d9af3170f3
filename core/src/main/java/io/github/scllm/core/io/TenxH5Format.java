package io.github.scllm.core.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.github.scllm.core.InvalidInputException;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;

/**
 * Opens Cell Ranger HDF5 matrices: v3 ({@code /matrix} with {@code features/{id,name,feature_type,genome}}) and v2
 * (one group per genome with {@code genes} and {@code gene_names}). A v2 file with several genomes is refused with
 * the list of genomes (they do not share one gene space). The matrix is CSC over barcodes, so each cell is a
 * contiguous slice.
 */
final class TenxH5Format {
    private TenxH5Format() {
    }

    /** @return whether the root looks like a Cell Ranger file (v3 {@code /matrix} or v2 genome groups) */
    static boolean looksLike(HdfFile h5) {
        if (h5.getChildren().get("matrix") instanceof Group m && m.getChildren().containsKey("indptr")) {
            return true;
        }
        return !genomeGroups(h5).isEmpty();
    }

    static List<String> genomeGroups(HdfFile h5) {
        List<String> out = new ArrayList<>();
        for (Node n : h5.getChildren().values()) {
            if (n instanceof Group g && g.getChildren().containsKey("barcodes") && g.getChildren().containsKey("indptr")
                && g.getChildren().containsKey("genes")) {
                out.add(g.getName());
            }
        }
        return out;
    }

    static StreamingReader open(Path file, ReadOptions options) {
        HdfFile h5 = Hdf5.open(file);
        try {
            return read(file, h5, options);
        } catch (RuntimeException e) {
            h5.close();
            throw e;
        }
    }

    private static String[] strings(Path file, Group g, String name) {
        Dataset ds = Hdf5.dataset(file, g, name);
        return Arrays1d.toTexts(Hdf5.readAll(file, ds), ds.getPath());
    }

    private static StreamingReader read(Path file, HdfFile h5, ReadOptions options) {
        Group g;
        String[] ids;
        String[] names;
        String[] types;
        String[] genomes;
        if (h5.getChildren().get("matrix") instanceof Group m) {
            g = m;
            Node fn = m.getChildren().get("features");
            if (!(fn instanceof Group f)) {
                throw new InvalidInputException("/matrix in " + file + " has no 'features' group; it is not a Cell "
                    + "Ranger v3 matrix.");
            }
            ids = strings(file, f, "id");
            names = strings(file, f, "name");
            types = f.getChildren().containsKey("feature_type") ? strings(file, f, "feature_type") : null;
            genomes = f.getChildren().containsKey("genome") ? strings(file, f, "genome") : null;
        } else {
            List<String> gs = genomeGroups(h5);
            if (gs.size() != 1) {
                throw new InvalidInputException(file + " holds " + gs.size() + " genomes (" + String.join(", ", gs)
                    + "); reading several genomes at once is not supported. Split the file per genome.");
            }
            g = (Group) h5.getChild(gs.get(0));
            ids = strings(file, g, "genes");
            names = g.getChildren().containsKey("gene_names") ? strings(file, g, "gene_names") : ids;
            types = null;
            genomes = new String[ids.length];
            java.util.Arrays.fill(genomes, gs.get(0));
        }
        String[] barcodes = strings(file, g, "barcodes");
        long[] shape = Arrays1d.toLongs(Hdf5.readAll(file, Hdf5.dataset(file, g, "shape")), g.getPath() + "/shape");
        if (shape.length != 2 || shape[0] != ids.length || shape[1] != barcodes.length || names.length != ids.length
            || (types != null && types.length != ids.length)) {
            throw new InvalidInputException(g.getPath() + " in " + file + " is inconsistent: shape "
                + java.util.Arrays.toString(shape) + ", " + ids.length + " feature IDs, " + names.length
                + " names, " + barcodes.length + " barcodes.");
        }
        FeatureFilter ff = FeatureFilter.of(ids, names, types, genomes, options);
        HdfSparse sp = new HdfSparse(file, g, barcodes.length, ids.length);
        AnnotationTable obs = new AnnotationTable(barcodes, List.of());
        String[] symbols = H5adFormat.geneSymbols(ff.var(), options.geneColumn() == null ? "name"
            : options.geneColumn(), file);
        long stored = ff.remap() == null ? sp.storedValues() : -1;
        MatrixSummary s = new MatrixSummary(file, MatrixFormat.TENX_H5, g.getPath(), barcodes.length,
            ff.var().rowCount(), stored, symbols, obs, ff.var());
        return new StreamingReader(s, sp.cellMajor(ff.remap()), options, ff.skipped(), 0, h5);
    }

    /** The feature table after the optional "Gene Expression" filter, and the index map it implies. */
    record FeatureFilter(AnnotationTable var, int[] remap, int skipped) {
        static FeatureFilter of(String[] ids, String[] names, String[] types, String[] genomes, ReadOptions o) {
            int n = ids.length;
            int[] keep;
            int[] remap = null;
            if (o.geneExpressionOnly() && types != null) {
                remap = new int[n];
                int k = 0;
                for (int i = 0; i < n; i++) {
                    remap[i] = "Gene Expression".equals(types[i]) ? k++ : -1;
                }
                keep = new int[k];
                for (int i = 0; i < n; i++) {
                    if (remap[i] >= 0) {
                        keep[remap[i]] = i;
                    }
                }
                if (k == n) {
                    remap = null;
                }
            } else {
                keep = java.util.stream.IntStream.range(0, n).toArray();
            }
            List<AnnotationColumn> cols = new ArrayList<>();
            cols.add(AnnotationColumn.Strings.plain("id", ids));
            cols.add(AnnotationColumn.Strings.plain("name", names));
            if (types != null) {
                cols.add(AnnotationColumn.Strings.plain("feature_type", types));
            }
            if (genomes != null) {
                cols.add(AnnotationColumn.Strings.plain("genome", genomes));
            }
            AnnotationTable all = new AnnotationTable(ids, cols);
            AnnotationTable var = keep.length == n ? all : all.select(keep);
            return new FeatureFilter(var, remap, n - keep.length);
        }
    }
}

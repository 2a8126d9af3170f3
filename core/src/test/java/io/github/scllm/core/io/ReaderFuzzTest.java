package io.github.scllm.core.io;

import io.github.scllm.core.SharedTestData;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.scllm.core.CancelledException;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.UnsupportedFormatException;

/**
 * Mutates the bytes of fixture files (and of the small real files when {@code scllm.testdata} is set) with a fixed
 * seed and a fixed number of iterations, and checks that only the documented exception types escape the readers.
 */
class ReaderFuzzTest {
    private static final long SEED = 0x5c11_2026L;
    private static final int ITERATIONS_PER_FILE = 30;

    @TempDir
    Path tmp;

    private static List<Path> targets() {
        List<Path> files = new ArrayList<>();
        for (String n : new String[] {"anndata08_csr.h5ad", "anndata08_csc.h5ad", "anndata08_dense.h5ad",
            "anndata07.h5ad", "legacy06.h5ad", "tenx_v3.h5", "tenx_v2.h5", "genes_by_cells.csv",
            "cells_by_genes.tsv.gz"}) {
            files.add(Fixtures.file(n));
        }
        String d = System.getProperty("scllm.testdata");
        if (d != null && !d.isBlank()) {
            Path root = SharedTestData.folder();
            files.add(root.resolve("10x_format_fixtures/v2_cellranger1.2/filtered_gene_bc_matrices_h5.h5"));
            files.add(root.resolve("10x_format_fixtures/v2_cellranger1.2/filtered_gene_bc_matrices/hg19_chr21/"
                + "matrix.mtx"));
            files.add(root.resolve("10x_format_fixtures/v3_cellranger3/filtered_feature_bc_matrix/matrix.mtx.gz"));
        }
        return files;
    }

    @Test
    void mutatedFilesRaiseOnlyTheDocumentedExceptions() throws IOException {
        Random rnd = new Random(SEED);
        int failuresSeen = 0;
        for (Path original : targets()) {
            byte[] bytes = Files.readAllBytes(original);
            for (int it = 0; it < ITERATIONS_PER_FILE; it++) {
                byte[] m = mutate(bytes, rnd);
                Path copy = place(original, m, it);
                try {
                    ReadOptions o = ReadOptions.DEFAULTS;
                    if (original.getFileName().toString().startsWith("cells_by_genes")) {
                        o = o.withOrientation(Orientation.CELLS_BY_GENES);
                    }
                    MatrixStatistics.of(copy, o);
                } catch (InvalidInputException | UnsupportedFormatException | CancelledException expected) {
                    failuresSeen++;
                    if (expected.getMessage() == null || expected.getMessage().isBlank()) {
                        fail("empty message for " + original.getFileName() + " iteration " + it);
                    }
                } catch (Throwable t) {
                    throw new AssertionError("Undocumented " + t + " for " + original.getFileName() + ", iteration "
                        + it, t);
                }
            }
        }
        if (failuresSeen == 0) {
            fail("no mutation was detected at all; the mutator does not mutate");
        }
    }

    private Path place(Path original, byte[] content, int it) throws IOException {
        Path parent = original.getParent();
        String name = original.getFileName().toString();
        Path dir = Files.createDirectories(tmp.resolve("f" + Math.abs(original.hashCode()) + "_" + it));
        if (name.startsWith("matrix.mtx")) {
            try (var s = Files.list(parent)) {
                for (Path p : s.toList()) {
                    if (!p.getFileName().toString().startsWith("matrix.mtx")) {
                        Files.copy(p, dir.resolve(p.getFileName()));
                    }
                }
            }
            Files.write(dir.resolve(name), content);
            return dir;
        }
        Path f = dir.resolve(name);
        Files.write(f, content);
        return f;
    }

    private static byte[] mutate(byte[] in, Random rnd) {
        int kind = rnd.nextInt(4);
        if (kind == 0) {
            return java.util.Arrays.copyOf(in, rnd.nextInt(in.length));
        }
        byte[] out = in.clone();
        int n = 1 + rnd.nextInt(kind == 1 ? 2 : 16);
        for (int i = 0; i < n; i++) {
            int pos = rnd.nextInt(out.length);
            out[pos] = kind == 3 ? (byte) 0xff : (byte) rnd.nextInt(256);
        }
        return out;
    }
}

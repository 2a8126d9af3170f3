package io.github.scllm.core.io;

import io.github.scllm.core.SharedTestData;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.scllm.core.CancelledException;
import io.github.scllm.core.EngineException;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.UnsupportedFormatException;

class ReaderErrorsTest {
    @TempDir
    Path tmp;

    /** Opens and reads everything, so that errors raised lazily (on first read) surface too. */
    static void readAll(Path p, ReadOptions o) {
        try (CellMatrixReader r = CellMatrixReaders.open(p, o)) {
            Fixtures.dense(r, 5);
        }
    }

    static void assertMentions(EngineException e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' missing from: " + e.getMessage());
        }
    }

    @Test
    void aMissingFileIsNamed() {
        Path p = tmp.resolve("absent.h5ad");
        assertMentions(assertThrows(InvalidInputException.class, () -> readAll(p, ReadOptions.DEFAULTS)),
            "absent.h5ad", "does not exist");
    }

    @Test
    void anUnknownFormatListsTheSupportedOnes() {
        Path p = Fixtures.file("not_a_matrix.bin");
        assertMentions(assertThrows(UnsupportedFormatException.class, () -> readAll(p, ReadOptions.DEFAULTS)),
            "not_a_matrix.bin", "h5ad", "10x_h5", "10x_mtx", "delimited");
    }

    @Test
    void aFolderWithoutMatrixIsAnUnknownFormat() {
        assertMentions(assertThrows(UnsupportedFormatException.class, () -> readAll(tmp, ReadOptions.DEFAULTS)),
            "matrix.mtx");
    }

    @Test
    void aTruncatedHdf5FileIsReportedAsCorrupted() throws IOException {
        byte[] all = Files.readAllBytes(Fixtures.file("anndata08_csr.h5ad"));
        Path p = tmp.resolve("truncated.h5ad");
        Files.write(p, Arrays.copyOf(all, all.length / 3));
        EngineException e = assertThrows(InvalidInputException.class, () -> readAll(p, ReadOptions.DEFAULTS));
        assertMentions(e, "truncated.h5ad");
    }

    @Test
    void anUnsupportedCompressionFilterIsNamedWithTheDatasetAndTheFix() {
        Path p = Fixtures.file("blosc_filter.h5ad");
        EngineException e = assertThrows(UnsupportedFormatException.class, () -> readAll(p, ReadOptions.DEFAULTS));
        assertMentions(e, "blosc_filter.h5ad", "/X/data", "32001", "compression=\"gzip\"");
    }

    @Test
    void anUnknownEncodingNamesTheHdf5Path() {
        Path p = Fixtures.file("unknown_encoding.h5ad");
        assertMentions(assertThrows(UnsupportedFormatException.class, () -> readAll(p, ReadOptions.DEFAULTS)),
            "/X", "coo_matrix", "0.9.0");
    }

    @Test
    void aDecreasingIndptrIsRejected() {
        Path p = Fixtures.file("broken_indptr.h5ad");
        assertMentions(assertThrows(InvalidInputException.class, () -> readAll(p, ReadOptions.DEFAULTS)),
            "/X/indptr", "decreases");
    }

    @Test
    void aGeneIndexBeyondTheShapeIsRejected() {
        Path p = Fixtures.file("broken_index.h5ad");
        assertMentions(assertThrows(InvalidInputException.class, () -> readAll(p, ReadOptions.DEFAULTS)),
            "/X/indices", "11", "outside 0..7");
    }

    @Test
    void dataAndIndicesOfDifferentLengthsAreRejected() {
        Path p = Fixtures.file("broken_lengths.h5ad");
        assertMentions(assertThrows(InvalidInputException.class, () -> readAll(p, ReadOptions.DEFAULTS)),
            "/X", "data", "indices");
    }

    @Test
    void negativeOrNonFiniteValuesAreRejectedNamingCellAndGene() {
        Path p = Fixtures.file("invalid_values.h5ad");
        // the options that fix it differ between the command line and the nodes: each adds its own
        assertMentions(assertThrows(InvalidValueException.class, () -> readAll(p, ReadOptions.DEFAULTS)),
            "cell02", "Gene1", "-4.0", "raw counts");
    }

    @Test
    void negativeOrNonFiniteValuesAreCountedUnderWarn() {
        Path p = Fixtures.file("invalid_values.h5ad");
        try (CellMatrixReader r = CellMatrixReaders.open(p,
            ReadOptions.DEFAULTS.withInvalidValues(InvalidValuePolicy.WARN))) {
            double[][] m = Fixtures.dense(r, 4);
            Fixtures.dense(r, 4); // a second pass does not count twice
            assertEquals(2, r.report().invalidValues());
            assertEquals(-4.0, m[2][1]);
            assertTrue(Double.isNaN(m[6][0]));
        }
    }

    @Test
    void duplicateCellIdsAreRejectedWithOneExampleAndTheirNumber() {
        Path p = Fixtures.file("duplicate_cells.h5ad");
        assertMentions(assertThrows(InvalidInputException.class, () -> readAll(p, ReadOptions.DEFAULTS)),
            "2 duplicate", "cell01");
    }

    @Test
    void anEmptyMatrixIsRejected() {
        Path p = Fixtures.file("empty.h5ad");
        assertMentions(assertThrows(InvalidInputException.class, () -> readAll(p, ReadOptions.DEFAULTS)),
            "empty", "0 cells");
    }

    @Test
    void aMatrixMarketFileWithFewerEntriesThanDeclaredIsTruncated() throws IOException {
        Path d = Files.createDirectory(tmp.resolve("mtx"));
        Path src = SharedTestData.path("10x_format_fixtures/v2_cellranger1.2/filtered_gene_bc_matrices/hg19_chr21");
        Files.copy(src.resolve("genes.tsv"), d.resolve("genes.tsv"));
        Files.copy(src.resolve("barcodes.tsv"), d.resolve("barcodes.tsv"));
        var lines = Files.readAllLines(src.resolve("matrix.mtx"));
        Files.write(d.resolve("matrix.mtx"), lines.subList(0, lines.size() - 3));
        assertMentions(assertThrows(InvalidInputException.class, () -> readAll(d, ReadOptions.DEFAULTS)),
            "matrix.mtx", "truncated");
    }

    @Test
    void aNonNumericTableValueNamesLineAndColumn() throws IOException {
        Path p = tmp.resolve("bad.csv");
        Files.writeString(p, ",c1,c2\ng1,1,2\ng2,3,abc\n");
        assertMentions(assertThrows(InvalidInputException.class, () -> readAll(p, ReadOptions.DEFAULTS)),
            "bad.csv", "line 3", "column 3");
    }

    @Test
    void aRaggedTableIsRejected() throws IOException {
        Path p = tmp.resolve("ragged.tsv");
        Files.writeString(p, "\tc1\tc2\ng1\t1\t2\ng2\t3\n");
        assertMentions(assertThrows(InvalidInputException.class, () -> readAll(p, ReadOptions.DEFAULTS)),
            "ragged.tsv", "line 3");
    }

    @Test
    void readingOutsideTheMatrixIsRejected() {
        try (CellMatrixReader r = CellMatrixReaders.open(Fixtures.file("anndata08_csr.h5ad"), ReadOptions.DEFAULTS)) {
            assertMentions(assertThrows(InvalidInputException.class, () -> r.read(12, 1)), "12 cells");
        }
    }

    @Test
    void statisticsStopWhenCancelled() {
        try (CellMatrixReader r = CellMatrixReaders.open(Fixtures.file("anndata08_csr.h5ad"), ReadOptions.DEFAULTS)) {
            assertThrows(CancelledException.class, () -> MatrixStatistics.of(r, () -> true,
                io.github.scllm.core.ProgressListener.NONE));
        }
    }
}

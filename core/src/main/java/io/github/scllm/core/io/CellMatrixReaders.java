package io.github.scllm.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.scllm.core.EngineException;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.Printable;
import io.github.scllm.core.UnsupportedFormatException;
import io.jhdf.HdfFile;

/**
 * Entry point of the readers: detects the format of a file or folder from its content and opens the matching
 * {@link CellMatrixReader}.
 */
public final class CellMatrixReaders {
    private static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    private static final String SUPPORTED = "h5ad (AnnData), 10x_h5 (Cell Ranger HDF5 v2/v3), 10x_mtx "
        + "(a folder with matrix.mtx[.gz], features.tsv[.gz] or genes.tsv, barcodes.tsv[.gz]) and delimited "
        + "(CSV/TSV, optionally gzipped)";

    private CellMatrixReaders() {
    }

    /**
     * Opens a reader.
     *
     * @param path a file ({@code .h5ad}, {@code .h5}, CSV/TSV[.gz], {@code matrix.mtx[.gz]}) or a MatrixMarket folder
     * @param options how to read; {@code options.format() == null} detects the format
     * @return an open reader, one gene per symbol (the columns of a repeated symbol summed per cell, see {@link
     *         ReadReport#summedGenes()}); the caller closes it
     * @throws InvalidInputException when the file is missing, unreadable, inconsistent or empty, or an option names
     *         something the file lacks
     * @throws UnsupportedFormatException when the format, an encoding or a compression filter is not supported
     */
    public static CellMatrixReader open(Path path, ReadOptions options) {
        ReadOptions o = options == null ? ReadOptions.DEFAULTS : options;
        MatrixFormat f = o.format() != null ? o.format() : detect(path);
        checkReadable(path);
        if (o.metadataFile() != null) {
            checkReadable(o.metadataFile());
        }
        try {
            return SummedDuplicateGenes.wrap(switch (f) {
                case H5AD -> H5adFormat.open(path, o);
                case TENX_H5 -> TenxH5Format.open(path, o);
                case TENX_MTX -> MtxFormat.open(path, o);
                case DELIMITED -> DelimitedFormat.open(path, o);
            });
        } catch (EngineException e) {
            if (e instanceof InvalidInputException || e instanceof UnsupportedFormatException) {
                throw e;
            }
            throw new InvalidInputException(e.getMessage(), e);
        } catch (OutOfMemoryError e) {
            throw OutOfMemory.of(path, e);
        } catch (RuntimeException | StackOverflowError e) {
            throw new InvalidInputException("Could not read " + path + " as " + f.id() + ": "
                + Printable.escape(e.toString(), 300) + ". The file may be truncated or corrupted, or not in the "
                + f.id() + " layout.", e);
        }
    }

    private static void checkReadable(Path path) {
        if (path == null || !Files.exists(path)) {
            throw new InvalidInputException("The file or folder " + path + " does not exist.");
        }
        if (!Files.isReadable(path)) {
            throw new InvalidInputException("The file or folder " + path + " is not readable; check its permissions.");
        }
    }

    /**
     * Detects the format from the content: the HDF5 signature and the root layout (h5ad, Cell Ranger v3
     * {@code /matrix}, Cell Ranger v2 genome groups), a folder or file of MatrixMarket, else delimited text.
     *
     * @param path a file or folder
     * @return the format
     * @throws InvalidInputException when the path does not exist or cannot be read
     * @throws UnsupportedFormatException when the content matches no supported format
     */
    public static MatrixFormat detect(Path path) {
        checkReadable(path);
        if (Files.isDirectory(path)) {
            if (MtxFormat.find(path, "matrix.mtx.gz", "matrix.mtx") != null) {
                return MatrixFormat.TENX_MTX;
            }
            throw new UnsupportedFormatException("The folder " + path + " holds no matrix.mtx[.gz]. Supported: "
                + SUPPORTED + ".");
        }
        if (isEmptyFile(path)) {
            throw new InvalidInputException("The file " + path + " is empty (0 bytes); it was probably not written "
                + "completely. Write or download it again.");
        }
        byte[] head = new byte[8];
        int n;
        try (InputStream in = Files.newInputStream(path)) {
            n = in.readNBytes(head, 0, 8);
        } catch (IOException e) {
            throw new InvalidInputException("Could not read " + path + ": " + e.getMessage(), e);
        }
        if (n == 8 && java.util.Arrays.equals(head, HDF5_SIGNATURE) || hasSignatureAfterUserBlock(path)) {
            return detectHdf5(path);
        }
        String firstLine = firstTextLine(path);
        if (firstLine != null && firstLine.startsWith("%%MatrixMarket")) {
            return MatrixFormat.TENX_MTX;
        }
        if (firstLine != null && (firstLine.indexOf(',') >= 0 || firstLine.indexOf('\t') >= 0)
            && firstLine.chars().noneMatch(c -> c < 9 || (c > 13 && c < 32))) {
            return MatrixFormat.DELIMITED;
        }
        throw new UnsupportedFormatException("The format of " + path + " is not recognised. Supported: " + SUPPORTED
            + ".");
    }

    private static boolean isEmptyFile(Path path) {
        try {
            return Files.size(path) == 0;
        } catch (IOException e) {
            return false; // reading the header reports the failure with its own message
        }
    }

    private static boolean hasSignatureAfterUserBlock(Path path) {
        try (var ch = Files.newByteChannel(path)) {
            long size = ch.size();
            byte[] b = new byte[8];
            for (long off = 512; off + 8 <= size && off <= (1L << 20); off *= 2) {
                ch.position(off);
                java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(b);
                while (buf.hasRemaining() && ch.read(buf) > 0) {
                    // fill
                }
                if (java.util.Arrays.equals(b, HDF5_SIGNATURE)) {
                    return true;
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    private static String firstTextLine(Path path) {
        try (var r = TextFiles.open(path)) {
            char[] buf = new char[1 << 16];
            int n = r.read(buf);
            if (n <= 0) {
                return null;
            }
            String s = new String(buf, 0, n);
            int nl = s.indexOf('\n');
            return nl < 0 ? s : s.substring(0, nl);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static MatrixFormat detectHdf5(Path path) {
        try (HdfFile h5 = Hdf5.open(path)) {
            if ("anndata".equals(Hdf5.attrString(h5, "encoding-type"))
                || h5.getChildren().containsKey("obs") && h5.getChildren().containsKey("var")) {
                return MatrixFormat.H5AD;
            }
            if (TenxH5Format.looksLike(h5)) {
                return MatrixFormat.TENX_H5;
            }
            throw new UnsupportedFormatException("The HDF5 file " + path + " is neither AnnData (no obs/var) nor a "
                + "Cell Ranger matrix (no /matrix, no genome group); root elements: " + h5.getChildren().keySet()
                + ". Supported: " + SUPPORTED + ".");
        } catch (EngineException e) {
            throw e;
        } catch (OutOfMemoryError e) {
            throw OutOfMemory.of(path, e);
        } catch (RuntimeException e) {
            throw new InvalidInputException("Could not read the HDF5 file " + path + " ("
                + Printable.escape(e.getMessage(), 300) + "); it may be truncated or corrupted.", e);
        }
    }
}

package io.github.scllm.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.SharedTestData;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The damaged files of the reliability report, made by changing single bytes of the shared real files: each is
 * refused as damaged (never an escaped OutOfMemoryError, never "unsupported format"), and MatrixMarket lines Java's
 * number parser would accept are refused naming the line.
 */
class DamagedFilesTest {
    private static final String V2_H5 = "10x_format_fixtures/v2_cellranger1.2/filtered_gene_bc_matrices_h5.h5";
    private static final String V3_H5 = "10x_format_fixtures/v3_cellranger3/filtered_feature_bc_matrix.h5";
    private static final String AEC2 = "mouse_lung_aec2/mouse_lung_aec2_counts.h5ad";
    private static final String V2_MTX = "10x_format_fixtures/v2_cellranger1.2/filtered_gene_bc_matrices/hg19_chr21";

    @TempDir
    Path tmp;

    /** @return a copy of a shared file with bytes set at 0-based offsets: offset, value, offset, value, ... */
    private Path mutated(String relative, int... offsetsAndValues) throws IOException {
        byte[] b = Files.readAllBytes(SharedTestData.file(relative));
        for (int i = 0; i < offsetsAndValues.length; i += 2) {
            b[offsetsAndValues[i]] = (byte) offsetsAndValues[i + 1];
        }
        String name = Path.of(relative).getFileName().toString();
        return Files.write(tmp.resolve(offsetsAndValues[0] + "_" + name), b);
    }

    @Test
    void headersAnnouncingMoreThanTheFileHoldsAreRefusedAsDamagedWithinASmallHeap() throws Exception {
        List<Path> files = List.of(mutated(V2_H5, 131, 0x40), mutated(V2_H5, 1979, 0x7f),
            mutated(AEC2, 2059, 0x20, 437050, 0x02));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m", "-cp", System.getProperty("java.class.path"), ReadOutcomeMain.class.getName()));
        files.forEach(f -> cmd.add(f.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child finished");
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
            .filter(l -> l.matches("\\d+\t.*")).toList();
        assertEquals(files.size(), lines.size(), String.join("\n", lines));
        for (String line : lines) {
            String[] f = line.split("\t", 3);
            assertEquals("InvalidInputException", f[1], line);
            assertTrue(f[2].contains("is damaged"), line);
            System.out.println("damaged file refused in " + f[0] + " ms with 256 MB of heap");
        }
    }

    @Test
    void aCorruptedDeflateChunkIsADamagedFileNotAnUnsupportedFilter() throws IOException {
        Path f = mutated(V3_H5, 83540, 0x07);
        InvalidInputException x = assertThrows(InvalidInputException.class,
            () -> MatrixStatistics.of(f, ReadOptions.DEFAULTS));
        assertTrue(x.getMessage().contains("is damaged: the compressed data of the dataset"), x.getMessage());
        assertFalse(x.getMessage().contains("Re-save"), x.getMessage());
    }

    @Test
    void matrixMarketValuesJavaWouldParseAndExtraFieldsAreRefusedNamingTheLine() throws IOException {
        Path source = SharedTestData.path(V2_MTX);
        List<String> lines = Files.readAllLines(source.resolve("matrix.mtx"));
        int firstEntry = 0;
        while (lines.get(firstEntry).startsWith("%")) {
            firstEntry++;
        }
        firstEntry++; // the size line
        String[] entry = lines.get(firstEntry).trim().split("\\s+");
        for (String bad : new String[] {"2f", "1d", "0x1p3", "NaN", "\u001b[2J"}) {
            Path dir = copyWithEntry(source, lines, firstEntry, entry[0] + " " + entry[1] + " " + bad, bad);
            InvalidInputException x = assertThrows(InvalidInputException.class,
                () -> MatrixStatistics.of(dir, ReadOptions.DEFAULTS), bad);
            assertTrue(x.getMessage().contains("line " + (firstEntry + 1) + ": the value"), x.getMessage());
            assertFalse(x.getMessage().chars().anyMatch(c -> c < 0x20), "no raw control characters: " + bad);
        }
        Path dir = copyWithEntry(source, lines, firstEntry, String.join(" ", entry) + " 7", "fourth");
        InvalidInputException x = assertThrows(InvalidInputException.class,
            () -> MatrixStatistics.of(dir, ReadOptions.DEFAULTS));
        assertTrue(x.getMessage().contains("line " + (firstEntry + 1) + " has more than the 3 fields"),
            x.getMessage());
    }

    private Path copyWithEntry(Path source, List<String> lines, int index, String replacement, String tag)
        throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("mtx_" + Integer.toHexString(tag.hashCode())));
        try (var s = Files.list(source)) {
            for (Path p : s.toList()) {
                if (!p.getFileName().toString().equals("matrix.mtx")) {
                    Files.copy(p, dir.resolve(p.getFileName()));
                }
            }
        }
        List<String> changed = new ArrayList<>(lines);
        changed.set(index, replacement);
        Files.write(dir.resolve("matrix.mtx"), changed);
        return dir;
    }

    @Test
    void messagesShowControlCharactersEscaped() {
        assertEquals("a\\u001b[2Jb\\tc\\n", io.github.scllm.core.Printable.escape("a\u001b[2Jb\tc\n", 100));
        assertEquals("abc...", io.github.scllm.core.Printable.escape("abcdef", 3));
    }
}

package io.github.scllm.core.genes;

import io.github.scllm.core.SharedTestData;


import io.github.scllm.core.io.CellChunk;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Access to the shared public test data, through the system property {@code scllm.testdata} only. */
final class TestData {
    private TestData() {
    }

    /** @return the file, skipping the test when the property is unset and failing when the file is missing */
    static Path file(String relative) {
        return SharedTestData.file(relative);
    }


    static BufferedReader reader(Path p) throws IOException {
        InputStream in = Files.newInputStream(p);
        if (p.getFileName().toString().endsWith(".gz")) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    /** Column {@code col} of a tab-separated file without header. */
    static List<String> column(Path p, int col, String separator) throws IOException {
        List<String> out = new ArrayList<>();
        try (BufferedReader r = reader(p)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isEmpty()) {
                    out.add(line.split(separator, -1)[col]);
                }
            }
        }
        return out;
    }

    /** A genes x cells MatrixMarket coordinate file, transposed to one CSR chunk of cells. */
    static CellChunk readMtxAsCells(Path p) throws IOException {
        try (BufferedReader r = reader(p)) {
            String line = r.readLine();
            while (line.startsWith("%")) {
                line = r.readLine();
            }
            String[] dims = line.trim().split("\\s+");
            int cells = Integer.parseInt(dims[1]);
            int nnz = Integer.parseInt(dims[2]);
            int[] gene = new int[nnz];
            int[] cell = new int[nnz];
            float[] val = new float[nnz];
            for (int k = 0; k < nnz; k++) {
                String[] t = r.readLine().trim().split("\\s+");
                gene[k] = Integer.parseInt(t[0]) - 1;
                cell[k] = Integer.parseInt(t[1]) - 1;
                val[k] = Float.parseFloat(t[2]);
            }
            Integer[] order = new Integer[nnz];
            for (int k = 0; k < nnz; k++) {
                order[k] = k;
            }
            Arrays.sort(order, (a, b) -> cell[a] != cell[b] ? Integer.compare(cell[a], cell[b])
                : Integer.compare(gene[a], gene[b]));
            int[] offsets = new int[cells + 1];
            int[] genes = new int[nnz];
            float[] values = new float[nnz];
            for (int k = 0; k < nnz; k++) {
                int o = order[k];
                genes[k] = gene[o];
                values[k] = val[o];
                offsets[cell[o] + 1]++;
            }
            for (int c = 0; c < cells; c++) {
                offsets[c + 1] += offsets[c];
            }
            return new CellChunk(0, offsets, genes, values);
        }
    }
}

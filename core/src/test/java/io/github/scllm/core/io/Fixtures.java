package io.github.scllm.core.io;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Access to the committed fixtures (written by scripts/make_fixtures.py) and their expected values. */
final class Fixtures {
    private Fixtures() {
    }

    static Path dir() {
        try {
            return Path.of(Fixtures.class.getResource("/fixtures/expected.json").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path file(String name) {
        return dir().resolve(name);
    }

    static JsonNode expected() {
        try {
            return new ObjectMapper().readTree(file("expected.json").toFile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads every cell into a dense cells x genes array. */
    static double[][] dense(CellMatrixReader r, int chunk) {
        MatrixSummary s = r.summary();
        double[][] m = new double[s.cellCount()][s.geneCount()];
        for (long c = 0; c < s.cellCount(); c += chunk) {
            CellChunk ch = r.read(c, chunk);
            for (int i = 0; i < ch.count(); i++) {
                int[] g = ch.genesOf(i);
                float[] v = ch.valuesOf(i);
                for (int k = 0; k < g.length; k++) {
                    if (k > 0 && g[k] <= g[k - 1]) {
                        throw new AssertionError("genes not ascending in cell " + (c + i));
                    }
                    if (v[k] == 0f) {
                        throw new AssertionError("stored zero in cell " + (c + i));
                    }
                    m[(int) (c + i)][g[k]] = v[k];
                }
            }
        }
        return m;
    }
}

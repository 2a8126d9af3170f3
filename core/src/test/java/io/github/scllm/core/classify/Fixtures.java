package io.github.scllm.core.classify;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The committed classify fixtures and their expectations (fresh from scikit-learn when it is installed). */
final class Fixtures {
    static final Path DIR = Path.of("src/test/resources/learn");
    private static JsonNode expected;

    private Fixtures() {
    }

    static synchronized JsonNode expected() throws IOException, InterruptedException {
        if (expected == null) {
            JsonNode committed = PythonOracle.read(DIR.resolve("classify_expected.json"));
            if (PythonOracle.hasModules("sklearn", "numpy")) {
                Path out = Files.createTempFile("classify-expected", ".json");
                try {
                    expected = PythonOracle.run(DIR.resolve("scripts/classify_oracle.py"), List.of(DIR.toString()),
                            out);
                } finally {
                    Files.deleteIfExists(out);
                }
                if (!closeTo(committed, expected)) {
                    throw new AssertionError("The committed classify_expected.json differs from a fresh run of "
                            + "classify_oracle.py: regenerate it.");
                }
            } else {
                expected = committed;
            }
        }
        return expected;
    }

    private static boolean closeTo(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return Math.abs(a.asDouble() - b.asDouble()) <= 1e-9 * Math.max(1, Math.abs(a.asDouble()));
        }
        if (a.isContainerNode() && b.isContainerNode()) {
            if (a.size() != b.size()) {
                return false;
            }
            if (a.isArray()) {
                for (int i = 0; i < a.size(); i++) {
                    if (!closeTo(a.get(i), b.get(i))) {
                        return false;
                    }
                }
                return true;
            }
            var names = a.fieldNames();
            while (names.hasNext()) {
                String n = names.next();
                if (!b.has(n) || !closeTo(a.get(n), b.get(n))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    /** Rows of a CSV with a header; no quoting in the fixtures. */
    static List<String[]> csv(String name) {
        try {
            List<String> lines = Files.readAllLines(DIR.resolve(name));
            return lines.subList(1, lines.size()).stream().map(l -> l.split(",", -1)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static float[][] vectors(List<String[]> rows) {
        float[][] x = new float[rows.size()][];
        for (int i = 0; i < x.length; i++) {
            String[] r = rows.get(i);
            x[i] = new float[r.length - 1];
            for (int j = 1; j < r.length; j++) {
                x[i][j - 1] = Float.parseFloat(r[j]);
            }
        }
        return x;
    }
}

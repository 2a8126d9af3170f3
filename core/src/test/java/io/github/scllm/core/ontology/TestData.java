package io.github.scllm.core.ontology;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared public test data, reached only through the system property {@code scllm.testdata}. */
final class TestData {
    private TestData() {
    }

    /** @return the file; skips the test when the property is unset, fails when the file is missing */
    static Path file(String relative) {
        String dir = System.getProperty("scllm.testdata", "");
        assumeTrue(!dir.isBlank(), "scllm.testdata not set: test data not available");
        Path root = Path.of(dir);
        if (!root.isAbsolute() && !Files.isDirectory(root) && Files.isDirectory(Path.of("..").resolve(root))) {
            root = Path.of("..").resolve(root).normalize();
        }
        Path p = root.resolve(relative);
        assertTrue(Files.isRegularFile(p), "test data file missing: " + p);
        return p;
    }

    /** @return the Cell Ontology release of the shared data */
    static Ontology cellOntology() {
        return Ontology.read(file("ontology/cl-basic_2022-12-15.obo"));
    }
}

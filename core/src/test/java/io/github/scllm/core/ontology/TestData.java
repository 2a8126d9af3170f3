package io.github.scllm.core.ontology;

import io.github.scllm.core.SharedTestData;


import java.nio.file.Path;

/** The shared public test data, reached only through the system property {@code scllm.testdata}. */
final class TestData {
    private TestData() {
    }

    /** @return the file; skips the test when the property is unset, fails when the file is missing */
    static Path file(String relative) {
        return SharedTestData.file(relative);
    }

    /** @return the Cell Ontology release of the shared data */
    static Ontology cellOntology() {
        return Ontology.read(file("ontology/cl-basic_2022-12-15.obo"));
    }
}

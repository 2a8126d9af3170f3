package io.github.scllm.knime;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/** Where plugin tests find the shared test data and the KNIME reference files. */
public final class TestPaths {
    private TestPaths() {
    }

    /**
     * @return the data folder named by the system property {@code scllm.testdata}; skips the test when unset
     */
    public static Path testData() {
        String p = System.getProperty("scllm.testdata", "");
        Assumptions.assumeFalse(p.isBlank(), "scllm.testdata is not set");
        Path dir = Path.of(p).toAbsolutePath().normalize();
        assertTrue(Files.isDirectory(dir), "scllm.testdata names no folder: " + dir);
        return dir;
    }

    /** @return a file of the shared data; fails when the property is set and the file is missing */
    public static Path testData(String relative) {
        Path f = testData().resolve(relative);
        assertTrue(Files.exists(f), "missing test data file " + f);
        return f;
    }

    /** @return the KNIME reference files (node description schemas, example workflow) beside the data folder */
    public static Path knimeReference(String name) {
        Path f = testData().resolveSibling("knime").resolve(name);
        assertTrue(Files.exists(f), "missing KNIME reference file " + f);
        return f;
    }

    /** @return the root of the plugin module (Surefire runs tests there) */
    public static Path pluginRoot() {
        Path here = Path.of("").toAbsolutePath();
        return Files.exists(here.resolve("plugin.xml")) ? here : here.resolve("plugin");
    }

    /** @return a fixture written by the core module's fixture script */
    public static Path coreFixture(String name) {
        Path f = pluginRoot().resolveSibling("core").resolve("src/test/resources/fixtures").resolve(name);
        assertTrue(Files.exists(f), "missing fixture " + f);
        return f;
    }
}

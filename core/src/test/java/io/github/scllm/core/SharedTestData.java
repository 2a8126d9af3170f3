package io.github.scllm.core;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The public test data folder named by the system property {@code scllm.testdata}: tests that need it skip when the
 * property is unset and fail when it is set and a file is missing.
 */
public final class SharedTestData {
    private SharedTestData() {
    }

    /**
     * @return the data folder; a relative path is meant relative to the reactor root while Surefire runs in the module
     *         folder, so the module's parent is tried too
     */
    public static Path folder() {
        String dir = System.getProperty("scllm.testdata", "");
        assumeTrue(!dir.isBlank(), "scllm.testdata not set: test data not available");
        Path p = Path.of(dir);
        if (!p.isAbsolute() && !Files.isDirectory(p) && Files.isDirectory(Path.of("..").resolve(p))) {
            return Path.of("..").resolve(p).normalize();
        }
        assertTrue(Files.isDirectory(p), "scllm.testdata names a missing folder: " + p);
        return p;
    }

    /** @return a regular file inside the data folder, which must exist */
    public static Path file(String relative) {
        Path p = folder().resolve(relative);
        assertTrue(Files.isRegularFile(p), "test data file missing: " + p);
        return p;
    }

    /** @return a file or folder inside the data folder, which must exist */
    public static Path path(String relative) {
        Path p = folder().resolve(relative);
        assertTrue(Files.exists(p), "test data missing: " + p);
        return p;
    }
}

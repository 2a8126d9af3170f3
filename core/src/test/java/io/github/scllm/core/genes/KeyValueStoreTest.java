package io.github.scllm.core.genes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scllm.core.EngineException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyValueStoreTest {
    @TempDir
    Path dir;

    @Test
    void entriesSurviveCloseAndReopen() {
        Path f = dir.resolve("sub/folder/store.mv.db");
        try (KeyValueStore s = KeyValueStore.open(f, "a")) {
            s.put("x", new byte[] {1, 2, 3});
            s.putAll(Map.of("y", new byte[] {4}, "z", new byte[0]));
        }
        try (KeyValueStore s = KeyValueStore.open(f, "a")) {
            assertEquals(3, s.size());
            assertArrayEquals(new byte[] {1, 2, 3}, s.get("x"));
            assertArrayEquals(new byte[0], s.get("z"));
            assertNull(s.get("w"));
        }
        try (KeyValueStore other = KeyValueStore.open(f, "b")) {
            assertNull(other.get("x"), "namespaces are separate");
        }
    }

    @Test
    void aStoreAlreadyOpenElsewhereIsReportedAsInUse() {
        Path f = dir.resolve("busy.mv.db");
        try (KeyValueStore s = KeyValueStore.open(f, "a")) {
            EngineException e = assertThrows(EngineException.class, () -> KeyValueStore.open(f, "a"));
            assertTrue(e.getMessage().contains("in use"), e.getMessage());
        }
    }

    @Test
    void aFileThatIsNotAStoreIsReportedWithTheFixToDeleteIt() throws IOException {
        Path f = dir.resolve("garbage.mv.db");
        Files.writeString(f, "this is not a store file ".repeat(400));
        EngineException e = assertThrows(EngineException.class, () -> KeyValueStore.open(f, "a"));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("delete"), e.getMessage());
    }

    @Test
    void killedWriterLosesNothingItReportedAsCommitted() throws Exception {
        Path f = dir.resolve("torn.mv.db");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"), StoreWriterMain.class.getName(), f.toString())
            .redirectErrorStream(true).start();
        int lastCommitted = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("committed ")) {
                    lastCommitted = Integer.parseInt(line.substring("committed ".length()));
                    if (lastCommitted >= 40) {
                        p.destroyForcibly(); // SIGKILL: no shutdown hook, no close, likely mid-write
                        break;
                    }
                } else {
                    System.out.println("writer: " + line);
                }
            }
        }
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "writer did not end");
        assertTrue(lastCommitted >= 40, "writer committed only " + lastCommitted);
        try (KeyValueStore s = KeyValueStore.open(f, "torn")) {
            for (int i = 0; i <= lastCommitted; i++) {
                byte[] v = s.get("k" + i);
                assertNotNull(v, "committed entry " + i + " lost");
                assertArrayEquals(StoreWriterMain.value(i, v.length), v, "entry " + i + " corrupted");
                assertEquals(256 * 1024, v.length);
            }
            // whatever came after the last report is either complete or absent, never partial
            for (int i = lastCommitted + 1; i < lastCommitted + 5; i++) {
                byte[] v = s.get("k" + i);
                if (v != null) {
                    assertArrayEquals(StoreWriterMain.value(i, 256 * 1024), v);
                }
            }
            s.put("after", new byte[] {9});
            assertArrayEquals(new byte[] {9}, s.get("after"), "the store stays writable after the crash");
        }
    }

    @Test
    void sharedStoresAreOneOpenFileUntilTheLastCallerReleasesIt(@org.junit.jupiter.api.io.TempDir Path dir) {
        Path file = dir.resolve("shared.mv.db");
        KeyValueStore first = KeyValueStore.openShared(file, "ns");
        KeyValueStore second = KeyValueStore.openShared(dir.resolve(".").resolve("shared.mv.db"), "ns");
        assertTrue(first == second, "the same file must give the same store");
        first.put("k", new byte[] {7});
        first.release();
        assertArrayEquals(new byte[] {7}, second.get("k"), "still open for the second caller");
        second.release();
        // a plain open fails on the lock while the file is still open in this process
        try (KeyValueStore reopened = KeyValueStore.open(file, "ns")) {
            assertArrayEquals(new byte[] {7}, reopened.get("k"));
        }
    }
}

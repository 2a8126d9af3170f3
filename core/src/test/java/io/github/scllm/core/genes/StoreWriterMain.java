package io.github.scllm.core.genes;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Child process of {@link KeyValueStoreTest}: writes large entries to a store forever, printing each key once its
 * put has returned, and never closes the store. The test kills it at an arbitrary moment.
 */
public final class StoreWriterMain {
    private StoreWriterMain() {
    }

    /** Deterministic content of entry {@code i}, so the test can check every byte. */
    static byte[] value(int i, int size) {
        byte[] v = new byte[size];
        Arrays.fill(v, (byte) (i * 31 + 7));
        byte[] tag = ("entry-" + i).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(tag, 0, v, 0, tag.length);
        return v;
    }

    public static void main(String[] args) {
        KeyValueStore store = KeyValueStore.open(Path.of(args[0]), "torn");
        for (int i = 0; ; i++) {
            store.put("k" + i, value(i, 256 * 1024));
            System.out.println("committed " + i);
            System.out.flush();
        }
    }
}

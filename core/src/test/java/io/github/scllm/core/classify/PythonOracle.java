package io.github.scllm.core.classify;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.scllm.core.PeerProcess;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Expected values from a committed Python reference script: re-computed by the script when the system interpreter
 * has the needed modules, else read from the committed expectations. Either way the committed file must agree with a
 * fresh run, so a stale expectation cannot hide.
 */
public final class PythonOracle {
    /** The system interpreter that owns the distribution's Python packages; overridable with -Dscllm.python. */
    private static final Path PYTHON = Path.of(System.getProperty("scllm.python", "/usr/bin/python3"));

    private PythonOracle() {
    }

    /** @return true when the system interpreter exists and imports every module */
    public static boolean hasModules(String... modules) {
        return PeerProcess.succeeds(PYTHON, "-c", "import " + String.join(", ", modules));
    }

    /**
     * Runs {@code script args... output} and parses the JSON it writes to the output file.
     *
     * @throws AssertionError if the script fails
     */
    public static JsonNode run(Path script, List<String> args, Path output) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(PYTHON.toString());
        cmd.add(script.toString());
        cmd.addAll(args);
        cmd.add(output.toString());
        PeerProcess.run(cmd, "Reference script " + script);
        return new ObjectMapper().readTree(output.toFile());
    }

    /** Reads a committed JSON expectation. */
    public static JsonNode read(Path json) throws IOException {
        return new ObjectMapper().readTree(json.toFile());
    }

    /** @return the node's numbers as a double array */
    public static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }
}

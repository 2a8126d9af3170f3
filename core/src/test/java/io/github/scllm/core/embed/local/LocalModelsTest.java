package io.github.scllm.core.embed.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link LocalModels} says and does when ONNX Runtime or the model jar is missing (as in a KNIME installation
 * without the local model feature), and that running a model leaves no telemetry behind. Each case runs
 * {@link LocalModelsProbeMain} in a child JVM with a chosen class path and home folder.
 */
class LocalModelsTest {

    @TempDir
    Path home;
    /** The child's java.io.tmpdir, where ONNX Runtime unpacks its native library: kept out of the home folder. */
    @TempDir
    Path tmp;

    @Test
    void withoutOnnxRuntimeBothChecksSayWhatToInstallAndBuiltInFailsWithThatMessage() throws Exception {
        Map<String, String> facts = probe(List.of("onnxruntime", "langchain4j-embeddings"));
        String reason = facts.get("builtInReason");
        assertTrue(reason.contains("ONNX Runtime is not installed") && reason.contains("scLLM Local Embedding Model")
                && reason.contains("scllm.jar"), reason);
        assertEquals(reason, facts.get("onnxReason"));
        assertEquals("EngineException: " + reason, facts.get("builtInError"));
    }

    @Test
    void withoutTheModelJarOnlyTheBuiltInModelIsUnavailable() throws Exception {
        Map<String, String> facts = probe(List.of("langchain4j-embeddings"));
        String reason = facts.get("builtInReason");
        assertTrue(reason.contains("built-in embedding model") && reason.contains("scLLM Local Embedding Model"), reason);
        assertEquals("", facts.get("onnxReason"), "user ONNX models need only the runtime");
        assertEquals("EngineException: " + reason, facts.get("builtInError"));
    }

    @Test
    void runningTheBuiltInModelWritesNoTelemetryIntoTheHomeFolder() throws Exception {
        Map<String, String> facts = probe(List.of());
        assertEquals("", facts.get("builtInReason"));
        assertEquals("384", facts.get("dimension"), facts.toString());
        // ONNX Runtime 1.29+ on Linux/macOS would create .cache/Microsoft/DeveloperTools/.onnxruntime/deviceid here
        try (Stream<Path> created = Files.walk(home)) {
            List<Path> files = created.filter(p -> !p.equals(home)).collect(Collectors.toList());
            assertEquals(List.of(), files, "files created in the home folder by running the model");
        }
    }

    @Test
    void runtimeOnTheClassPathPredatesTheLinuxAndMacTelemetryOf129() {
        String version = OnnxTextEmbedder.environment().getVersion();
        String[] parts = version.split("\\.");
        assertTrue(parts.length >= 2 && Integer.parseInt(parts[0]) == 1 && Integer.parseInt(parts[1]) <= 28,
                () -> "ONNX Runtime " + version + " collects telemetry unless ORT_DISABLE_TELEMETRY=1 is set before it "
                        + "starts, which Java cannot do: keep 1.28 or earlier");
    }

    @Test
    void platformNameMatchesTheNativeFoldersOfTheRuntimeJar() {
        String platform = OnnxRuntimeSupport.platform();
        if (platform != null) {
            String lib = System.mapLibraryName("onnxruntime");
            assertTrue(getClass().getClassLoader().getResource("ai/onnxruntime/native/" + platform + "/" + lib) != null,
                    "no native library ai/onnxruntime/native/" + platform + "/" + lib + " in the runtime jar");
        }
    }

    /** Runs the probe without the class-path entries whose file names contain any of {@code without}. */
    private Map<String, String> probe(List<String> without) throws IOException, InterruptedException {
        List<String> classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (without.stream().noneMatch(name::contains)) {
                classPath.add(entry);
            }
        }
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.home=" + home, "-Djava.io.tmpdir=" + tmp,
                "-cp", String.join(File.pathSeparator, classPath), LocalModelsProbeMain.class.getName());
        builder.environment().put("HOME", home.toString());
        builder.environment().remove("ORT_DISABLE_TELEMETRY");
        builder.environment().remove("XDG_CACHE_HOME");
        builder.redirectErrorStream(true);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "probe did not finish");
        assertEquals(0, process.exitValue(), output);
        Map<String, String> facts = new HashMap<>();
        for (String line : output.split("\\R")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                facts.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        assertTrue(facts.containsKey("builtInReason"), output);
        return facts;
    }
}

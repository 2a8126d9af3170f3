package io.github.scllm.core.embed.local;

import java.util.Locale;
import java.util.Optional;

/**
 * Whether ONNX Runtime and the built-in model are on the class path. This class refers to no ONNX Runtime type, so
 * it loads and answers when the runtime is absent.
 */
final class OnnxRuntimeSupport {

    /** Class-path resources of the built-in model (bge-small-en-v1.5, int8-quantized ONNX export). */
    static final String BUILT_IN_MODEL = "bge-small-en-v1.5-q.onnx";
    static final String BUILT_IN_TOKENIZER = "bge-small-en-v1.5-q-tokenizer.json";

    private static final String RUNTIME_CLASS = "ai.onnxruntime.OrtEnvironment";
    private static final String HOW_TO_INSTALL = "In KNIME, install \"scLLM Local Embedding Model\" from the scLLM "
            + "update site (Help > Install New Software) and restart; for the command line, use the scllm.jar built "
            + "with the local model (mvn package builds it into core/target/scllm.jar).";

    private OnnxRuntimeSupport() {
    }

    /** Why ONNX Runtime cannot run here, or empty when its classes are present and ship natives for this platform. */
    static Optional<String> runtimeUnavailableReason() {
        if (!onClassPath()) {
            return Optional.of("ONNX Runtime is not installed, so local embedding models cannot run. " + HOW_TO_INSTALL);
        }
        String platform = platform();
        if (platform == null) {
            return Optional.of("ONNX Runtime has no native library for this platform (" + System.getProperty("os.name")
                    + ", " + System.getProperty("os.arch") + "); it runs on Linux x86-64/ARM64, Windows x86-64 and "
                    + "macOS on Apple silicon. Use a remote embedding provider (OpenAI, Azure OpenAI or an "
                    + "OpenAI-compatible server) instead.");
        }
        return Optional.empty();
    }

    /** Why the built-in model cannot run here, or empty when it can. */
    static Optional<String> builtInUnavailableReason() {
        Optional<String> runtime = runtimeUnavailableReason();
        if (runtime.isPresent()) {
            return runtime;
        }
        ClassLoader loader = OnnxRuntimeSupport.class.getClassLoader();
        if (loader.getResource(BUILT_IN_MODEL) == null || loader.getResource(BUILT_IN_TOKENIZER) == null) {
            return Optional.of("The built-in embedding model (" + BUILT_IN_MODEL + ") is not installed. " + HOW_TO_INSTALL);
        }
        return Optional.empty();
    }

    private static boolean onClassPath() {
        try {
            Class.forName(RUNTIME_CLASS, false, OnnxRuntimeSupport.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The ONNX Runtime native folder name for this JVM's platform, or null when the runtime jar ships none. */
    static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        boolean x64 = arch.equals("amd64") || arch.equals("x86_64");
        boolean arm64 = arch.equals("aarch64") || arch.equals("arm64");
        if (os.contains("linux")) {
            return x64 ? "linux-x64" : arm64 ? "linux-aarch64" : null;
        }
        if (os.contains("win")) {
            return x64 ? "win-x64" : null;
        }
        if (os.contains("mac")) {
            // Intel macOS builds were dropped upstream in 1.24
            return arm64 ? "osx-aarch64" : null;
        }
        return null;
    }
}

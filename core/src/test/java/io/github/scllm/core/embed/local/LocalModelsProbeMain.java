package io.github.scllm.core.embed.local;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.EngineException;
import io.github.scllm.core.ProgressListener;
import io.github.scllm.core.embed.TextEmbedder;

import java.util.List;

/**
 * Child process of {@link LocalModelsTest}, started with a chosen class path and environment. Prints one
 * {@code key=value} line per fact: what {@link LocalModels} reports and what building and running the built-in model
 * does.
 */
public final class LocalModelsProbeMain {

    private LocalModelsProbeMain() {
    }

    public static void main(String[] args) {
        System.out.println("builtInReason=" + LocalModels.unavailableReason().orElse(""));
        System.out.println("onnxReason=" + LocalModels.onnxUnavailableReason().orElse(""));
        try (TextEmbedder model = LocalModels.builtIn(1)) {
            float[][] v = model.embed(List.of("CD3E is part of the T-cell receptor complex."), CancellationToken.NONE,
                    ProgressListener.NONE);
            System.out.println("dimension=" + v[0].length);
        } catch (EngineException e) {
            System.out.println("builtInError=" + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}

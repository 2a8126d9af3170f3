package io.github.scllm.core.cli;

import io.github.scllm.core.EngineException;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.embed.TextEmbedder;
import io.github.scllm.core.embed.local.LocalModels;
import java.util.Locale;
import java.util.Optional;

/**
 * Opens the text embedding model a command's {@code --provider} names. A command holds one in a field, so a caller
 * (or a test) can hand it another before the command runs.
 */
@FunctionalInterface
interface EmbedderFactory {

    /**
     * @param provider the provider named on the command line
     * @param threads worker threads for in-process models
     * @return an open embedder; the caller closes it
     * @throws InvalidInputException if the provider is unknown
     * @throws EngineException if the provider cannot run here
     */
    TextEmbedder open(String provider, int threads);

    /** {@code local}: the built-in model, no network, no key. */
    EmbedderFactory DEFAULT = (provider, threads) -> {
        String p = provider == null ? "" : provider.trim().toLowerCase(Locale.ROOT);
        if (!p.equals("local")) {
            throw new InvalidInputException("Unknown provider '" + provider + "': this build offers 'local' (the "
                    + "built-in text model).");
        }
        Optional<String> why = LocalModels.unavailableReason();
        if (why.isPresent()) {
            throw new EngineException("The built-in text model cannot run: " + why.get() + " Run only the expression "
                    + "methods (--methods expression_pca_knn,logistic_regression,transductive_pca_centroid) or "
                    + "choose another --provider.");
        }
        return LocalModels.builtIn(threads);
    };
}

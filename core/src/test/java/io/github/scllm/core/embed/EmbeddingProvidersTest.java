package io.github.scllm.core.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.embed.local.LocalModels;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class EmbeddingProvidersTest {

    @Test
    void theDefaultProviderIsTheBuiltInLocalModel() {
        assertEquals(ProviderKind.LOCAL, ProviderSettings.DEFAULTS.kind());
        assertEquals(4, ProviderSettings.DEFAULTS.concurrency());
    }

    @Test
    void localKindsFailWithTheRuntimesOwnReasonWhenItIsMissing() {
        Optional<String> reason = LocalModels.unavailableReason();
        assumeTrue(reason.isPresent(), "the local runtime is installed here");
        InvalidInputException x = assertThrows(InvalidInputException.class,
                () -> EmbeddingProviders.create(ProviderSettings.DEFAULTS));
        assertEquals(reason.get(), x.getMessage());
    }

    @Test
    void theBuiltInModelsIdentityAndSizeAreKnownBeforeItRunsAndMatchWhatItProduces() {
        assertEquals(Optional.of(new EmbedderIdentity("local", LocalModels.BUILT_IN_MODEL, 0)),
                EmbeddingProviders.identityOf(ProviderSettings.DEFAULTS));
        assertEquals(LocalModels.BUILT_IN_DIMENSION, EmbeddingProviders.expectedDimension(ProviderSettings.DEFAULTS));
        assumeTrue(LocalModels.unavailableReason().isEmpty(), "the local runtime is not installed here");
        try (TextEmbedder model = EmbeddingProviders.create(ProviderSettings.DEFAULTS)) {
            assertEquals(EmbeddingProviders.identityOf(ProviderSettings.DEFAULTS).orElseThrow(), model.identity());
            float[][] v = model.embed(java.util.List.of("T cell receptor"), io.github.scllm.core.CancellationToken.NONE,
                    io.github.scllm.core.ProgressListener.NONE);
            assertEquals(EmbeddingProviders.expectedDimension(ProviderSettings.DEFAULTS), v[0].length);
        }
    }

    @Test
    void aGivenKeyWinsOverTheEnvironmentAndANamedVariableOverTheDefaultOne() {
        ProviderSettings given = ProviderSettings.builder(ProviderKind.OPENAI).apiKey("from-credentials").build();
        assertEquals("from-credentials", EmbeddingProviders.resolveKey(given,
                Map.of("OPENAI_API_KEY", "from-env")::get).value());
        ProviderSettings named = ProviderSettings.builder(ProviderKind.OPENAI).apiKeyEnv("TEAM_KEY").build();
        assertEquals("team", EmbeddingProviders.resolveKey(named,
                Map.of("OPENAI_API_KEY", "from-env", "TEAM_KEY", "team")::get).value());
        ProviderSettings azure = ProviderSettings.builder(ProviderKind.AZURE).build();
        assertEquals("az", EmbeddingProviders.resolveKey(azure, Map.of("AZURE_OPENAI_API_KEY", "az")::get).value());
        InvalidInputException unset = assertThrows(InvalidInputException.class,
                () -> EmbeddingProviders.resolveKey(named, Map.of("OPENAI_API_KEY", "from-env")::get));
        assertTrue(unset.getMessage().contains("TEAM_KEY"), unset.getMessage());
        ProviderSettings ollama = ProviderSettings.builder(ProviderKind.OPENAI_COMPATIBLE).build();
        assertEquals(null, EmbeddingProviders.resolveKey(ollama, Map.of("OPENAI_API_KEY", "from-env")::get).value());
    }

    @Test
    void settingsPrintWithoutTheKeyAndRejectOutOfRangeNumbers() {
        ProviderSettings s = ProviderSettings.builder(ProviderKind.OPENAI).apiKey("sk-very-secret").build();
        assertFalse(s.toString().contains("sk-very-secret"), s.toString());
        assertThrows(InvalidInputException.class, () -> ProviderSettings.builder(ProviderKind.OPENAI).concurrency(0)
                .build());
        assertThrows(InvalidInputException.class, () -> ProviderSettings.builder(ProviderKind.OPENAI).dimensions(-1)
                .build());
        assertEquals(ProviderKind.OPENAI_COMPATIBLE, ProviderKind.fromId(" OpenAI-Compatible "));
        assertThrows(InvalidInputException.class, () -> ProviderKind.fromId("cohere"));
    }
}

package io.github.scllm.core.embed;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Function;

import mockwebserver3.MockWebServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Tests against a counting local OpenAI-shaped embedding server (8 dimensions) with a cache folder of their own. */
abstract class LocalEmbeddingServerTest {
    static final Function<String, String> NO_ENV = name -> null;

    @TempDir
    Path cacheDir;

    MockWebServer server;
    FakeEmbeddingServer fake;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        fake = new FakeEmbeddingServer(8);
        server.setDispatcher(fake);
        server.start(0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    ProviderSettings.Builder openAi() {
        return ProviderSettings.builder(ProviderKind.OPENAI).baseUrl(server.url("/v1").toString())
                .apiKey(OpenAiEmbedderTest.KEY).retry(OpenAiEmbedderTest.FAST);
    }
}

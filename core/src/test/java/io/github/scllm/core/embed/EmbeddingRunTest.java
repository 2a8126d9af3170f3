package io.github.scllm.core.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.ProgressListener;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import mockwebserver3.MockWebServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingRunTest {
    @TempDir
    Path cacheDir;

    private MockWebServer server;
    private FakeEmbeddingServer fake;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        fake = new FakeEmbeddingServer(5);
        server.setDispatcher(fake);
        server.start(0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ProviderSettings settings() {
        return ProviderSettings.builder(ProviderKind.OPENAI_COMPATIBLE).baseUrl(server.url("/v1").toString())
                .model("bge-small").retry(OpenAiEmbedderTest.FAST).build();
    }

    private static final List<String> TEXTS = List.of("a", "b", "a", "c", "b", "a");

    @Test
    void withoutCacheDuplicatesAreStillSentOnce() {
        EmbeddingRun run = EmbeddingRun.run(settings(), null, TEXTS, CancellationToken.NONE, ProgressListener.NONE,
                name -> null);
        assertEquals(List.of("a", "b", "c"), fake.received().get(0).inputs());
        assertEquals(6, run.vectors().length);
        assertArrayEquals(FakeEmbeddingServer.vectorOf("a", 5), run.vectors()[5]);
        assertEquals(3, run.distinct());
        assertEquals(3, run.sent());
        assertEquals(0, run.fromCache());
        assertEquals(5, run.dimension());
        assertEquals(new EmbedderIdentity("openai-compatible", "bge-small", 0), run.identity());
    }

    @Test
    void withCacheTheSecondRunReportsEverythingCached() {
        EmbeddingRun.run(settings(), cacheDir, TEXTS, CancellationToken.NONE, ProgressListener.NONE, name -> null);
        EmbeddingRun again = EmbeddingRun.run(settings(), cacheDir, List.of("c", "d", "a"), CancellationToken.NONE,
                ProgressListener.NONE, name -> null);
        assertEquals(2, again.fromCache());
        assertEquals(1, again.sent());
        assertEquals(4, fake.textsEmbedded());
        assertArrayEquals(FakeEmbeddingServer.vectorOf("d", 5), again.vectors()[1]);
    }
}

package io.github.scllm.core.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.ProgressListener;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import mockwebserver3.MockWebServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** text-embeddings-inference's native /embed route against a local server answering in TEI's shapes. */
class TeiEmbedderTest {
    private static final Function<String, String> NO_ENV = name -> null;

    private MockWebServer server;
    private FakeEmbeddingServer fake;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        fake = new FakeEmbeddingServer(6);
        server.setDispatcher(fake);
        server.start(0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ProviderSettings.Builder tei() {
        return ProviderSettings.builder(ProviderKind.TEI).baseUrl(server.url("/").toString())
                .model("BAAI/bge-small-en-v1.5").retry(OpenAiEmbedderTest.FAST);
    }

    @Test
    void textsGoToEmbedInBatchesOf32WithTruncationOnAndComeBackInOrder() {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            texts.add("summary of gene " + i);
        }
        try (TextEmbedder e = EmbeddingProviders.create(tei().build(), NO_ENV)) {
            float[][] v = e.embed(texts, CancellationToken.NONE, ProgressListener.NONE);
            for (int i = 0; i < texts.size(); i++) {
                assertArrayEquals(FakeEmbeddingServer.vectorOf(texts.get(i), 6), v[i], "text " + i);
            }
            assertEquals(new EmbedderIdentity("tei", "BAAI/bge-small-en-v1.5", 0), e.identity());
        }
        List<FakeEmbeddingServer.Received> r = fake.received();
        assertEquals(List.of(32, 32, 6), r.stream().map(x -> x.inputs().size()).sorted((a, b) -> b - a).toList());
        for (FakeEmbeddingServer.Received x : r) {
            assertEquals("/embed", x.request().getUrl().encodedPath());
            assertTrue(x.body().get("truncate").asBoolean());
            assertNull(x.request().getHeaders().get("Authorization"));
        }
    }

    @Test
    void batchSizeIsConfigurableAndAKeyIsSentAsBearer() {
        try (TextEmbedder e = EmbeddingProviders.create(tei().batchSize(2).apiKey("tei-key").build(), NO_ENV)) {
            e.embed(List.of("a", "b", "c"), CancellationToken.NONE, ProgressListener.NONE);
        }
        assertEquals(2, fake.received().size());
        assertEquals("Bearer tei-key", fake.received().get(0).request().getHeaders().get("Authorization"));
    }

    @Test
    void batchTooLargeErrorAdvisesASmallerBatchWithoutRetrying() {
        fake.then(FakeEmbeddingServer.json(413, "{\"error\":\"batch size 64 > maximum allowed batch size 32\","
                + "\"error_type\":\"validation\"}"));
        try (TextEmbedder e = EmbeddingProviders.create(tei().build(), NO_ENV)) {
            EmbeddingServiceException x = assertThrows(EmbeddingServiceException.class,
                    () -> e.embed(List.of("a"), CancellationToken.NONE, ProgressListener.NONE));
            assertEquals(413, x.status());
            assertTrue(x.getMessage().contains("maximum allowed batch size")
                    && x.getMessage().contains("lower the batch size"), x.getMessage());
        }
        assertEquals(1, fake.received().size());
    }

    @Test
    void aWrongNumberOfVectorsIsAnError() {
        fake.then(FakeEmbeddingServer.json(200, "[[0.1,0.2]]"));
        try (TextEmbedder e = EmbeddingProviders.create(tei().build(), NO_ENV)) {
            EmbeddingServiceException x = assertThrows(EmbeddingServiceException.class,
                    () -> e.embed(List.of("a", "b"), CancellationToken.NONE, ProgressListener.NONE));
            assertTrue(x.getMessage().contains("1 vectors for 2 texts"), x.getMessage());
        }
    }

    @Test
    void modelNameIsRequiredAndDimensionsAreRefused() {
        assertThrows(InvalidInputException.class, () -> EmbeddingProviders.create(tei().model(null).build(), NO_ENV));
        assertThrows(InvalidInputException.class, () -> EmbeddingProviders.create(tei().dimensions(128).build(),
                NO_ENV));
    }
}

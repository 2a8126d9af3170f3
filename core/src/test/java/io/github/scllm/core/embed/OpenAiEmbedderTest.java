package io.github.scllm.core.embed;

import io.github.scllm.core.RetryPolicy;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.ProgressListener;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** OpenAI, Azure OpenAI and OpenAI-compatible providers against a local server answering in OpenAI's shapes. */
class OpenAiEmbedderTest {
    static final String KEY = "sk-test-SECRET-9f8e7d6c5b4a";
    static final java.util.function.Function<String, String> NO_ENV = name -> null;
    static final RetryPolicy FAST = new RetryPolicy(4, Duration.ofMillis(5), Duration.ofMillis(200));

    private MockWebServer server;
    private FakeEmbeddingServer fake;

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

    private String base() {
        return server.url("/v1").toString();
    }

    private ProviderSettings.Builder openAi() {
        return ProviderSettings.builder(ProviderKind.OPENAI).baseUrl(base()).apiKey(KEY).retry(FAST)
                .timeout(Duration.ofSeconds(5));
    }

    private static float[][] embed(TextEmbedder e, List<String> texts) {
        return e.embed(texts, CancellationToken.NONE, ProgressListener.NONE);
    }

    private static List<String> texts(int n) {
        List<String> t = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            t.add("gene description number " + i);
        }
        return t;
    }

    @Test
    void openAiRequestCarriesModelInputArrayEncodingDimensionsAndBearerKey() {
        try (TextEmbedder e = EmbeddingProviders.create(openAi().model("text-embedding-3-small").dimensions(4)
                .encoding(ProviderSettings.Encoding.FLOAT).build(), NO_ENV)) {
            float[][] v = embed(e, List.of("CD3E summary", "ALB summary"));
            assertArrayEquals(FakeEmbeddingServer.vectorOf("CD3E summary", 4), v[0]);
            assertArrayEquals(FakeEmbeddingServer.vectorOf("ALB summary", 4), v[1]);
            assertEquals(new EmbedderIdentity("openai", "text-embedding-3-small", 4), e.identity());
        }
        FakeEmbeddingServer.Received r = fake.received().get(0);
        RecordedRequest req = r.request();
        assertEquals("POST", req.getMethod());
        assertEquals("/v1/embeddings", req.getUrl().encodedPath());
        assertEquals("Bearer " + KEY, req.getHeaders().get("Authorization"));
        assertTrue(req.getHeaders().get("Content-Type").startsWith("application/json"));
        assertEquals("text-embedding-3-small", r.body().get("model").asText());
        assertEquals(List.of("CD3E summary", "ALB summary"), r.inputs());
        assertEquals("float", r.body().get("encoding_format").asText());
        assertEquals(4, r.body().get("dimensions").asInt());
    }

    @Test
    void defaultModelIsAda002WithoutDimensionsAndVectorsTravelAsBase64() {
        try (TextEmbedder e = EmbeddingProviders.create(openAi().build(), NO_ENV)) {
            float[][] v = embed(e, List.of("PTPRC summary"));
            assertArrayEquals(FakeEmbeddingServer.vectorOf("PTPRC summary", 8), v[0]);
        }
        FakeEmbeddingServer.Received r = fake.received().get(0);
        assertEquals("text-embedding-ada-002", r.body().get("model").asText());
        assertEquals("base64", r.body().get("encoding_format").asText());
        assertFalse(r.body().has("dimensions"));
    }

    @Test
    void base64AndFloatAnswersDecodeToIdenticalVectors() {
        List<String> t = texts(7);
        float[][] b64;
        float[][] flt;
        try (TextEmbedder e = EmbeddingProviders.create(openAi().encoding(ProviderSettings.Encoding.BASE64).build(),
                NO_ENV)) {
            b64 = embed(e, t);
        }
        try (TextEmbedder e = EmbeddingProviders.create(openAi().encoding(ProviderSettings.Encoding.FLOAT).build(),
                NO_ENV)) {
            flt = embed(e, t);
        }
        for (int i = 0; i < t.size(); i++) {
            assertArrayEquals(FakeEmbeddingServer.vectorOf(t.get(i), 8), b64[i], "base64, text " + i);
            assertArrayEquals(b64[i], flt[i], "float, text " + i);
        }
    }

    @Test
    void vectorsArePlacedByTheirIndexWhenTheServerAnswersOutOfOrder() {
        fake.reverseOrder();
        List<String> t = texts(5);
        try (TextEmbedder e = EmbeddingProviders.create(openAi().build(), NO_ENV)) {
            float[][] v = embed(e, t);
            for (int i = 0; i < t.size(); i++) {
                assertArrayEquals(FakeEmbeddingServer.vectorOf(t.get(i), 8), v[i], "text " + i);
            }
        }
    }

    @Test
    void azureSendsApiKeyHeaderToTheDeploymentRouteWithApiVersion() {
        ProviderSettings s = ProviderSettings.builder(ProviderKind.AZURE).baseUrl(server.url("/").toString())
                .deployment("emb-small").apiVersion("2024-10-21").retry(FAST).build();
        try (TextEmbedder e = EmbeddingProviders.create(s, Map.of("AZURE_OPENAI_API_KEY", KEY)::get)) {
            float[][] v = embed(e, List.of("MS4A1 summary"));
            assertArrayEquals(FakeEmbeddingServer.vectorOf("MS4A1 summary", 8), v[0]);
            assertEquals(new EmbedderIdentity("azure", "emb-small", 0), e.identity());
        }
        RecordedRequest req = fake.received().get(0).request();
        assertEquals("/openai/deployments/emb-small/embeddings", req.getUrl().encodedPath());
        assertEquals("2024-10-21", req.getUrl().queryParameter("api-version"));
        assertEquals(KEY, req.getHeaders().get("api-key"));
        assertNull(req.getHeaders().get("Authorization"));
    }

    @Test
    void azureWithoutApiVersionUsesTheGenerallyAvailableDefault() {
        ProviderSettings s = ProviderSettings.builder(ProviderKind.AZURE).baseUrl(server.url("/").toString())
                .deployment("d1").apiKey(KEY).retry(FAST).build();
        try (TextEmbedder e = EmbeddingProviders.create(s, NO_ENV)) {
            embed(e, List.of("x"));
        }
        assertEquals(ProviderSettings.DEFAULT_AZURE_API_VERSION,
                fake.received().get(0).request().getUrl().queryParameter("api-version"));
    }

    @Test
    void azureV1RouteTakesTheDeploymentAsModelAndNoApiVersion() {
        ProviderSettings s = ProviderSettings.builder(ProviderKind.AZURE).baseUrl(server.url("/openai/v1/")
                .toString()).deployment("emb-large").apiKey(KEY).retry(FAST).build();
        try (TextEmbedder e = EmbeddingProviders.create(s, NO_ENV)) {
            embed(e, List.of("x"));
        }
        FakeEmbeddingServer.Received r = fake.received().get(0);
        assertEquals("/openai/v1/embeddings", r.request().getUrl().encodedPath());
        assertNull(r.request().getUrl().queryParameter("api-version"));
        assertEquals("emb-large", r.body().get("model").asText());
        assertEquals("float", r.body().get("encoding_format").asText());
        assertEquals(KEY, r.request().getHeaders().get("api-key"));
    }

    @Test
    void compatibleServerGetsV1EmbeddingsUnderABareHostAndNoKeyHeader() {
        ProviderSettings s = ProviderSettings.builder(ProviderKind.OPENAI_COMPATIBLE).baseUrl(server.url("/")
                .toString()).model("nomic-embed-text").retry(FAST).build();
        try (TextEmbedder e = EmbeddingProviders.create(s, Map.of("OPENAI_API_KEY", KEY)::get)) {
            embed(e, List.of("a", "b"));
        }
        FakeEmbeddingServer.Received r = fake.received().get(0);
        assertEquals("/v1/embeddings", r.request().getUrl().encodedPath());
        assertNull(r.request().getHeaders().get("Authorization"), "the OpenAI key must not go to another server");
        assertEquals("nomic-embed-text", r.body().get("model").asText());
        assertEquals("float", r.body().get("encoding_format").asText());
    }

    @Test
    void compatibleServerSendsTheKeyOfANamedVariable() {
        ProviderSettings s = ProviderSettings.builder(ProviderKind.OPENAI_COMPATIBLE).baseUrl(base())
                .model("bge-m3").apiKeyEnv("VLLM_KEY").retry(FAST).build();
        try (TextEmbedder e = EmbeddingProviders.create(s, Map.of("VLLM_KEY", "vllm-secret")::get)) {
            embed(e, List.of("a"));
        }
        assertEquals("Bearer vllm-secret", fake.received().get(0).request().getHeaders().get("Authorization"));
    }

    @Test
    void textsAreSplitAtTheBatchSizeAndReassembledInOrder() {
        List<String> t = texts(25);
        try (TextEmbedder e = EmbeddingProviders.create(openAi().batchSize(10).concurrency(3).build(),
                NO_ENV)) {
            float[][] v = embed(e, t);
            for (int i = 0; i < t.size(); i++) {
                assertArrayEquals(FakeEmbeddingServer.vectorOf(t.get(i), 8), v[i], "text " + i);
            }
        }
        List<Integer> sizes = fake.received().stream().map(r -> r.inputs().size()).sorted().toList();
        assertEquals(List.of(5, 10, 10), sizes);
    }

    @Test
    void requestsStayWithin2048InputsAnd300000EstimatedTokens() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            many.add("t" + i);
        }
        try (TextEmbedder e = EmbeddingProviders.create(openAi().build(), NO_ENV)) {
            assertEquals(5000, embed(e, many).length);
        }
        assertEquals(List.of(2048, 2048, 904), fake.received().stream().map(r -> r.inputs().size()).sorted(
                (a, b) -> b - a).toList());

        fake.received();
        String longText = "x".repeat(8000);
        List<String> big = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            big.add(longText + i);
        }
        int before = fake.received().size();
        try (TextEmbedder e = EmbeddingProviders.create(openAi().build(), NO_ENV)) {
            embed(e, big);
        }
        List<FakeEmbeddingServer.Received> after = fake.received().subList(before, fake.received().size());
        for (FakeEmbeddingServer.Received r : after) {
            long tokens = r.inputs().stream().mapToLong(String::length).sum();
            assertTrue(tokens <= OpenAiEmbedder.MAX_TOKENS_PER_REQUEST, tokens + " estimated tokens in one request");
        }
        assertEquals(3, after.size(), "80 texts of ~8000 tokens need 3 requests of at most 300,000");
    }

    @Test
    void overLongTextsAreTruncatedAndCounted() {
        String huge = "é".repeat(5000); // 10,000 UTF-8 bytes, above the 8192 estimate limit
        try (TextEmbedder e = EmbeddingProviders.create(openAi().build(), NO_ENV)) {
            embed(e, List.of("short", huge, huge + "!"));
            assertEquals(2, e.truncatedTexts());
        }
        List<String> sent = fake.received().get(0).inputs();
        assertEquals("short", sent.get(0));
        assertEquals(4096, sent.get(1).length());
        assertTrue(huge.startsWith(sent.get(1)));
    }

    @Test
    void tooManyRequestsWithRetryAfterAndRetryAfterMsAreRetried() {
        fake.then(new MockResponse.Builder().code(429).setHeader("Retry-After", "0")
                .body("{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"param\":null,"
                        + "\"code\":\"rate_limit_exceeded\"}}").build())
                .then(new MockResponse.Builder().code(429).setHeader("retry-after-ms", "20")
                        .setHeader("Retry-After", "3600").body("{}").build());
        try (TextEmbedder e = EmbeddingProviders.create(openAi().retry(new RetryPolicy(3, Duration.ofMillis(5),
                Duration.ofSeconds(2))).build(), NO_ENV)) {
            float[][] v = embed(e, List.of("CD19"));
            assertArrayEquals(FakeEmbeddingServer.vectorOf("CD19", 8), v[0]);
        }
        assertEquals(3, fake.received().size());
    }

    @Test
    void serverErrorsAndTimeoutsAreRetried() {
        fake.then(FakeEmbeddingServer.openAiError(500, "The server had an error", "server_error", null))
                .then(FakeEmbeddingServer.json(503, "{\"error\":\"overloaded\"}"))
                .then(new MockResponse.Builder().code(200).body("{}").headersDelay(2, TimeUnit.SECONDS).build());
        try (TextEmbedder e = EmbeddingProviders.create(openAi().retry(new RetryPolicy(4, Duration.ofMillis(5),
                Duration.ofMillis(50))).timeout(Duration.ofMillis(400)).build(), NO_ENV)) {
            assertArrayEquals(FakeEmbeddingServer.vectorOf("NKG7", 8), embed(e, List.of("NKG7"))[0]);
        }
        assertEquals(4, fake.received().size());
    }

    @Test
    void unauthorizedFailsAtOnceNamingTheProviderAndTheKeySource() {
        fake.then(FakeEmbeddingServer.openAiError(401, "Incorrect API key provided: sk-abc***.", "invalid_request_error",
                "invalid_api_key"));
        ProviderSettings s = openAi().apiKey(null).build();
        try (TextEmbedder e = EmbeddingProviders.create(s, Map.of("OPENAI_API_KEY", KEY)::get)) {
            EmbeddingServiceException x = assertThrows(EmbeddingServiceException.class, () -> embed(e, List.of("a")));
            assertEquals(401, x.status());
            assertEquals(1, x.attempts());
            assertTrue(x.getMessage().contains("OpenAI") && x.getMessage().contains("refused the API key"),
                    x.getMessage());
            assertTrue(x.getMessage().contains("OPENAI_API_KEY"), x.getMessage());
        }
        assertEquals(1, fake.received().size());
    }

    @Test
    void forbiddenIsNotRetried() {
        fake.then(FakeEmbeddingServer.openAiError(403, "Country, region, or territory not supported",
                "request_forbidden", "unsupported_country_region_territory"));
        try (TextEmbedder e = EmbeddingProviders.create(openAi().build(), NO_ENV)) {
            EmbeddingServiceException x = assertThrows(EmbeddingServiceException.class, () -> embed(e, List.of("a")));
            assertEquals(403, x.status());
        }
        assertEquals(1, fake.received().size());
    }

    @Test
    void insufficientQuotaIsNotRetriedAndSaysWhatToDo() {
        fake.then(FakeEmbeddingServer.openAiError(429, "You exceeded your current quota, please check your plan and "
                + "billing details.", "insufficient_quota", "insufficient_quota"));
        try (TextEmbedder e = EmbeddingProviders.create(openAi().build(), NO_ENV)) {
            EmbeddingServiceException x = assertThrows(EmbeddingServiceException.class, () -> embed(e, List.of("a")));
            assertEquals(429, x.status());
            assertTrue(x.getMessage().contains("insufficient quota") && x.getMessage().contains("billing"),
                    x.getMessage());
        }
        assertEquals(1, fake.received().size());
    }

    @Test
    void serverAskingNotToRetryIsObeyed() {
        fake.then(new MockResponse.Builder().code(500).setHeader("x-should-retry", "false").body("{}").build());
        try (TextEmbedder e = EmbeddingProviders.create(openAi().build(), NO_ENV)) {
            assertThrows(EmbeddingServiceException.class, () -> embed(e, List.of("a")));
        }
        assertEquals(1, fake.received().size());
    }

    @Test
    void exhaustedRetriesReportTheAttemptsAndTheLastProblem() {
        for (int i = 0; i < 4; i++) {
            fake.then(FakeEmbeddingServer.openAiError(502, "Bad gateway", "server_error", null));
        }
        try (TextEmbedder e = EmbeddingProviders.create(openAi().build(), NO_ENV)) {
            EmbeddingServiceException x = assertThrows(EmbeddingServiceException.class, () -> embed(e, List.of("a")));
            assertEquals(4, x.attempts());
            assertEquals(502, x.status());
            assertTrue(x.getMessage().contains("after 4 attempts") && x.getMessage().contains("Bad gateway"),
                    x.getMessage());
        }
    }

    @Test
    void malformedJsonFailsWithAClearMessage() {
        fake.then(FakeEmbeddingServer.json(200, "{\"object\":\"list\",\"data\":[{\"index\":0,\"embedding\":[0.1,"));
        try (TextEmbedder e = EmbeddingProviders.create(openAi().build(), NO_ENV)) {
            EmbeddingServiceException x = assertThrows(EmbeddingServiceException.class, () -> embed(e, List.of("a")));
            assertTrue(x.getMessage().contains("malformed JSON"), x.getMessage());
        }
        fake.then(FakeEmbeddingServer.json(200, "<html>proxy login</html>"));
        try (TextEmbedder e = EmbeddingProviders.create(openAi().build(), NO_ENV)) {
            assertThrows(EmbeddingServiceException.class, () -> embed(e, List.of("a")));
        }
    }

    @Test
    void answersWithMissingOrDuplicateIndicesAreRejected() {
        fake.then(FakeEmbeddingServer.json(200, "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,"
                + "\"embedding\":[1,2]},{\"object\":\"embedding\",\"index\":0,\"embedding\":[1,2]}],\"model\":\"m\","
                + "\"usage\":{\"prompt_tokens\":2,\"total_tokens\":2}}"));
        try (TextEmbedder e = EmbeddingProviders.create(openAi().build(), NO_ENV)) {
            EmbeddingServiceException x = assertThrows(EmbeddingServiceException.class,
                    () -> embed(e, List.of("a", "b")));
            assertTrue(x.getMessage().contains("index 0 twice"), x.getMessage());
        }
    }

    @Test
    void vectorsOfOtherThanTheRequestedDimensionsAreRejected() {
        fake.then(FakeEmbeddingServer.json(200, "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,"
                + "\"embedding\":[1,2,3]}],\"model\":\"m\",\"usage\":{\"prompt_tokens\":2,\"total_tokens\":2}}"));
        ProviderSettings s = ProviderSettings.builder(ProviderKind.OPENAI_COMPATIBLE).baseUrl(base()).model("m")
                .dimensions(2).retry(FAST).build();
        try (TextEmbedder e = EmbeddingProviders.create(s, NO_ENV)) {
            EmbeddingServiceException x = assertThrows(EmbeddingServiceException.class, () -> embed(e, List.of("a")));
            assertTrue(x.getMessage().contains("ignores 'dimensions'"), x.getMessage());
        }
    }

    @Test
    void anApiKeyEchoedByTheServerNeverAppearsInAMessage() {
        fake.then(FakeEmbeddingServer.openAiError(400, "Invalid header Authorization: Bearer " + KEY, "invalid_request",
                null));
        fake.then(FakeEmbeddingServer.openAiError(401, "Key " + KEY + " is revoked", "invalid_request_error",
                "invalid_api_key"));
        fake.then(FakeEmbeddingServer.json(200, "not json " + KEY));
        for (int i = 0; i < 3; i++) {
            try (TextEmbedder e = EmbeddingProviders.create(openAi().build(), NO_ENV)) {
                EmbeddingServiceException x = assertThrows(EmbeddingServiceException.class,
                        () -> embed(e, List.of("a")));
                for (Throwable t = x; t != null; t = t.getCause()) {
                    assertFalse(String.valueOf(t.getMessage()).contains(KEY), "key leaked: " + t.getMessage());
                    assertFalse(t.toString().contains(KEY));
                }
                assertTrue(x.getMessage().contains("<redacted>") || i == 2, x.getMessage());
            }
        }
        ProviderSettings withKey = openAi().build();
        assertFalse(withKey.toString().contains(KEY));
    }

    @Test
    void requestsInFlightNeverExceedTheConcurrency() {
        fake.handlingMillis(30);
        try (TextEmbedder e = EmbeddingProviders.create(openAi().batchSize(1).concurrency(2).build(),
                NO_ENV)) {
            embed(e, texts(12));
        }
        assertEquals(12, fake.received().size());
        assertTrue(fake.maxInFlight() <= 2, "in flight: " + fake.maxInFlight());
    }

    @Test
    void settingsAProviderCannotHonourAreRejectedBeforeAnyRequest() {
        InvalidInputException ada = assertThrows(InvalidInputException.class, () -> EmbeddingProviders.create(
                openAi().model("text-embedding-ada-002").dimensions(256).build(), NO_ENV));
        assertTrue(ada.getMessage().contains("dimensions"), ada.getMessage());
        InvalidInputException noKey = assertThrows(InvalidInputException.class, () -> EmbeddingProviders.create(
                openAi().apiKey(null).build(), NO_ENV));
        assertTrue(noKey.getMessage().contains("OPENAI_API_KEY"), noKey.getMessage());
        InvalidInputException noDeployment = assertThrows(InvalidInputException.class, () -> EmbeddingProviders
                .create(ProviderSettings.builder(ProviderKind.AZURE).baseUrl(base()).apiKey(KEY).build(),
                        NO_ENV));
        assertTrue(noDeployment.getMessage().contains("deployment"), noDeployment.getMessage());
        assertThrows(InvalidInputException.class, () -> EmbeddingProviders.create(ProviderSettings.builder(
                ProviderKind.OPENAI_COMPATIBLE).baseUrl("localhost:11434").model("m").build(), NO_ENV));
        assertEquals(0, fake.received().size());
    }

    @Test
    void cancellationStopsBeforeTheNextRequest() {
        fake.handlingMillis(20);
        boolean[] cancelled = {false};
        try (TextEmbedder e = EmbeddingProviders.create(openAi().batchSize(1).concurrency(1).build(),
                NO_ENV)) {
            assertThrows(io.github.scllm.core.CancelledException.class, () -> e.embed(texts(50), () -> cancelled[0],
                    (f, m) -> cancelled[0] = f >= 0.1));
        }
        assertTrue(fake.received().size() < 50, fake.received().size() + " requests");
    }
}

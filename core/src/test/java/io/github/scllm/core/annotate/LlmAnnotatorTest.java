package io.github.scllm.core.annotate;

import static io.github.scllm.core.annotate.Groups.TINY;
import static io.github.scllm.core.annotate.Groups.up;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.embed.ProviderKind;
import io.github.scllm.core.RetryPolicy;
import io.github.scllm.core.genes.MarkerGene;
import io.github.scllm.core.ontology.TermResolver;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LlmAnnotatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "sk-test-secret-123";
    private static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5));
    private static final TermResolver RESOLVER = new TermResolver(TINY, "X:0", null, 1);
    private static final List<MarkerGene> T_GROUP = up("t", "CD3E", "CD3D", "IL7R", "ACTB");

    private MockWebServer server;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start(0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ChatClient compatible() {
        ChatSettings s = ChatSettings.of(ProviderKind.OPENAI_COMPATIBLE, "llama3.1:8b", server.url("/v1").toString())
            .withRetry(FAST).withApiKeyEnv("LLM_KEY");
        return new ChatClient(s, Map.of("LLM_KEY", KEY)::get);
    }

    private LlmAnnotator annotator(ChatClient client, ChatCache cache, ExpertRules rules) {
        return new LlmAnnotator(client, cache, TINY, RESOLVER, rules, LlmOptions.DEFAULTS.withContext("blood",
            "human"));
    }

    /** A chat completion as the service sends it, with the given message content, refusal and finish reason. */
    private static MockResponse completion(String content, String refusal, String finish) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "chatcmpl-1").put("object", "chat.completion").put("created", 1_700_000_000)
            .put("model", "llama3.1:8b");
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", content);
        message.put("refusal", refusal);
        choice.putNull("logprobs");
        choice.put("finish_reason", finish);
        root.putObject("usage").put("prompt_tokens", 300).put("completion_tokens", 80).put("total_tokens", 380);
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
            .body(root.toString()).build();
    }

    private static String answer(String cellType, String clId, double confidence, List<String> evidence,
        List<String> rejection, String altType, String altId) {
        ObjectNode a = JSON.createObjectNode();
        a.put("cell_type", cellType).put("cl_id", clId).put("confidence", confidence);
        evidence.forEach(a.putArray("evidence_markers")::add);
        rejection.forEach(a.putArray("rejection_markers")::add);
        var alts = a.putArray("alternatives");
        if (altType != null) {
            alts.addObject().put("cell_type", altType).put("cl_id", altId);
        }
        a.put("reasoning", "CD3 complex genes mark T cells.");
        return a.toString();
    }

    private static final String T_ANSWER = answer("T cell", "X:2", 0.9, List.of("CD3E", "CD3D"), List.of("CD19"),
        "B cell", "X:3");

    @Test
    void requestCarriesModelMessagesTemperatureZeroAndAStrictSchemaAndTheAnswerIsGrounded() throws Exception {
        server.enqueue(completion(T_ANSWER, null, "stop"));
        ExpertRules rules = ExpertRules.resolve(List.of(new ExpertRule("T cell", List.of("CD3E"), List.of("CD14"),
            "")), TINY, RESOLVER);
        GroupAnnotation a = annotator(compatible(), null, rules).annotate("t", T_GROUP, CancellationToken.NONE);

        RecordedRequest req = server.takeRequest();
        assertEquals("/v1/chat/completions", req.getUrl().encodedPath());
        assertEquals("Bearer " + KEY, req.getHeaders().get("Authorization"));
        JsonNode body = JSON.readTree(req.getBody().utf8());
        assertEquals("llama3.1:8b", body.get("model").asText());
        assertEquals(0, body.get("temperature").asInt());
        assertEquals(1024, body.get("max_tokens").asInt());
        assertEquals("system", body.at("/messages/0/role").asText());
        String user = body.at("/messages/1/content").asText();
        assertTrue(user.contains("Tissue: blood") && user.contains("Species: human") && user.contains("CD3E: 3.00"),
            user);
        assertTrue(user.contains("T cell (X:2): requires CD3E; excludes CD14"), user);
        JsonNode format = body.get("response_format");
        assertEquals("json_schema", format.get("type").asText());
        assertTrue(format.at("/json_schema/strict").asBoolean());
        assertEquals(LlmAnnotator.SCHEMA_NAME, format.at("/json_schema/name").asText());
        assertStrict(format.at("/json_schema/schema"));

        assertEquals(AnnotationStatus.ACCEPTED, a.status(), a.notes().toString());
        assertEquals("X:2", a.termId());
        assertEquals(AnnotationMethod.LLM, a.method());
        assertEquals(0.9, a.confidence(), 1e-12);
        assertTrue(a.evidence().stream().allMatch(EvidenceMarker::grounded));
        assertFalse(a.rejection().get(0).met(), "CD19 is not expressed");
        assertEquals("X:3", a.alternatives().get(0).termId());
        assertEquals(1, server.getRequestCount());
    }

    /** Every object of the schema lists all its properties as required and forbids others. */
    private static void assertStrict(JsonNode schema) {
        if (schema.path("type").asText().equals("object")) {
            assertFalse(schema.get("additionalProperties").asBoolean(), schema.toString());
            List<String> props = iterable(schema.get("properties").fieldNames());
            List<String> required = iterable(schema.get("required").elements()).stream().map(Object::toString)
                .map(s -> s.replace("\"", "")).toList();
            assertEquals(props, required);
            schema.get("properties").elements().forEachRemaining(LlmAnnotatorTest::assertStrict);
        } else if (schema.path("type").asText().equals("array")) {
            assertStrict(schema.get("items"));
        }
    }

    private static <T> List<String> iterable(Iterator<T> it) {
        List<String> out = new java.util.ArrayList<>();
        it.forEachRemaining(x -> out.add(x.toString()));
        return out;
    }

    @Test
    void evidenceTheDataDoesNotSupportIsFlaggedAndLowersTheConfidence() {
        server.enqueue(completion(answer("T cell", "X:2", 0.9, List.of("CD3E", "CD8A"), List.of(), null, null), null,
            "stop"));
        GroupAnnotation a = annotator(compatible(), null, ExpertRules.NONE).annotate("t", T_GROUP,
            CancellationToken.NONE);
        EvidenceMarker cd8 = a.evidence().get(1);
        assertEquals("CD8A", cd8.gene());
        assertFalse(cd8.grounded());
        assertEquals(0.45, a.confidence(), 1e-12);
        assertTrue(a.notes().stream().anyMatch(n -> n.contains("CD8A not supported")), a.notes().toString());
    }

    @Test
    void aRejectionMarkerThatIsExpressedRejectsTheCall() {
        server.enqueue(completion(answer("T cell", "X:2", 0.9, List.of("CD3E"), List.of("IL7R"), null, null), null,
            "stop"));
        GroupAnnotation a = annotator(compatible(), null, ExpertRules.NONE).annotate("t", T_GROUP,
            CancellationToken.NONE);
        assertEquals(AnnotationStatus.REJECTED, a.status());
        assertEquals("X:2", a.termId());
        assertTrue(a.rejection().get(0).met());
    }

    @Test
    void aLabelOutsideTheOntologyIsUnresolved() {
        server.enqueue(completion(answer("Thymic dragon cell", "CL:9999999", 0.95, List.of("CD3E"), List.of(), null,
            null), null, "stop"));
        GroupAnnotation a = annotator(compatible(), null, ExpertRules.NONE).annotate("t", T_GROUP,
            CancellationToken.NONE);
        assertEquals(AnnotationStatus.UNRESOLVED, a.status());
        assertNull(a.termId());
        assertEquals("Thymic dragon cell", a.label());
        assertTrue(a.notes().stream().anyMatch(n -> n.contains("is not an ontology term")), a.notes().toString());
    }

    @Test
    void anIdThatContradictsTheLabelGivesWayToTheLabel() {
        server.enqueue(completion(answer("B cell", "X:2", 0.9, List.of("CD3E"), List.of(), null, null), null,
            "stop"));
        GroupAnnotation a = annotator(compatible(), null, ExpertRules.NONE).annotate("t", T_GROUP,
            CancellationToken.NONE);
        assertEquals("X:3", a.termId());
        assertTrue(a.notes().stream().anyMatch(n -> n.contains("not its label")), a.notes().toString());
    }

    @Test
    void hesitationBetweenSiblingsRollsUpToTheirCommonAncestor() {
        server.enqueue(completion(answer("T cell", "X:2", 0.4, List.of("CD3E"), List.of(), "B cell", "X:3"), null,
            "stop"));
        GroupAnnotation a = annotator(compatible(), null, ExpertRules.NONE).annotate("t", T_GROUP,
            CancellationToken.NONE);
        assertEquals(AnnotationStatus.ROLLED_UP, a.status());
        assertEquals("X:1", a.termId());
        assertEquals("T cell", a.label());
    }

    @Test
    void refusalTruncationAndInvalidJsonAreAskedOnceMoreThenLeaveTheGroupUnresolvedAndAreNotCached(
        @TempDir Path dir) {
        try (ChatCache cache = ChatCache.open(dir)) {
            LlmAnnotator llm = annotator(compatible(), cache, ExpertRules.NONE);
            for (int i = 0; i < 2; i++) {
                server.enqueue(completion(null, "I can't help with that.", "stop"));
            }
            for (int i = 0; i < 2; i++) {
                server.enqueue(completion("{\"cell_type\": \"T cell\", \"cl_", null, "length"));
            }
            for (int i = 0; i < 2; i++) {
                server.enqueue(completion("T cell, I think.", null, "stop"));
            }
            GroupAnnotation refused = llm.annotate("t", T_GROUP, CancellationToken.NONE);
            GroupAnnotation cut = llm.annotate("t", T_GROUP, CancellationToken.NONE);
            GroupAnnotation prose = llm.annotate("t", T_GROUP, CancellationToken.NONE);
            assertTrue(refused.notes().get(0).contains("refused") && refused.notes().get(0).contains("can't help"));
            assertTrue(cut.notes().get(0).contains("finish_reason length"), cut.notes().toString());
            assertTrue(prose.notes().get(0).contains("not the requested JSON"), prose.notes().toString());
            for (GroupAnnotation a : List.of(refused, cut, prose)) {
                assertEquals(AnnotationStatus.UNRESOLVED, a.status());
                assertTrue(a.notes().get(0).contains("asked 2 times"), a.notes().toString());
                assertFalse(a.hasConfidence(), "an unresolved call carries no confidence");
            }
            assertEquals(0, cache.size());
            assertEquals(6, server.getRequestCount());
        }
    }

    @Test
    void aRefusalTruncationOrInvalidJsonFollowedByAGoodAnswerUsesTheGoodOneAndCachesOnlyIt(@TempDir Path dir)
        throws Exception {
        try (ChatCache cache = ChatCache.open(dir)) {
            LlmAnnotator llm = annotator(compatible(), cache, ExpertRules.NONE);
            List<MockResponse> failures = List.of(completion(null, "I can't help with that.", "stop"),
                completion("{\"cell_type\": \"T cell\", \"cl_", null, "length"),
                completion("T cell, I think.", null, "stop"));
            for (MockResponse failure : failures) {
                server.enqueue(failure);
                server.enqueue(completion(T_ANSWER, null, "stop"));
                GroupAnnotation a = llm.annotate("t" + server.getRequestCount(), T_GROUP, CancellationToken.NONE);
                assertEquals(AnnotationStatus.ACCEPTED, a.status(), a.notes().toString());
                assertEquals(0.9, a.confidence(), 1e-12);
                assertTrue(a.notes().get(0).contains("asked again"), a.notes().toString());
                String first = server.takeRequest().getBody().utf8();
                assertEquals(first, server.takeRequest().getBody().utf8(), "the retry sends the same prompt");
            }
            assertEquals(6, server.getRequestCount());
            assertEquals(3, cache.size(), "one answer per group, none of the failed ones");
        }
    }

    @Test
    void aConfidenceOutsideZeroToOneIsMalformedAndAskedAgainNotClamped(@TempDir Path dir) {
        try (ChatCache cache = ChatCache.open(dir)) {
            LlmAnnotator llm = annotator(compatible(), cache, ExpertRules.NONE);
            server.enqueue(completion(answer("T cell", "X:2", 1.7, List.of("CD3E"), List.of(), null, null), null,
                "stop"));
            server.enqueue(completion(answer("T cell", "X:2", -0.2, List.of("CD3E"), List.of(), null, null), null,
                "stop"));
            GroupAnnotation twice = llm.annotate("t", T_GROUP, CancellationToken.NONE);
            assertEquals(AnnotationStatus.UNRESOLVED, twice.status());
            assertFalse(twice.hasConfidence());
            assertTrue(twice.notes().get(0).contains("confidence -0.2 is outside [0, 1]"), twice.notes().toString());
            assertEquals(0, cache.size());

            server.enqueue(completion(answer("T cell", "X:2", 1.7, List.of("CD3E"), List.of(), null, null), null,
                "stop"));
            server.enqueue(completion(answer("T cell", "X:2", 0.6, List.of("CD3E"), List.of(), null, null), null,
                "stop"));
            GroupAnnotation retried = llm.annotate("t", T_GROUP, CancellationToken.NONE);
            assertEquals(AnnotationStatus.ACCEPTED, retried.status(), retried.notes().toString());
            assertEquals(0.6, retried.confidence(), 1e-12);
            assertEquals(4, server.getRequestCount());
        }
    }

    @Test
    void aCallNoneOfWhoseEvidenceTheDataSupportsIsRejectedWithOrWithoutAlternatives() {
        server.enqueue(completion(answer("T cell", "X:2", 0.95, List.of("CD8A", "GZMB"), List.of(), null, null),
            null, "stop"));
        server.enqueue(completion(answer("T cell", "X:2", 0.95, List.of("CD8A"), List.of(), "B cell", "X:3"), null,
            "stop"));
        server.enqueue(completion(answer("T cell", "X:2", 0.95, List.of(), List.of(), null, null), null, "stop"));
        LlmAnnotator llm = annotator(compatible(), null, ExpertRules.NONE);
        for (int i = 0; i < 3; i++) {
            GroupAnnotation a = llm.annotate("t", T_GROUP, CancellationToken.NONE);
            assertEquals(AnnotationStatus.REJECTED, a.status(), a.notes().toString());
            assertEquals("X:2", a.termId());
            assertTrue(a.notes().stream().anyMatch(n -> n.startsWith("no claimed marker is supported by the data")),
                a.notes().toString());
            assertFalse(a.hasConfidence(), "a rejected call carries no confidence");
        }
    }

    @Test
    void aValidAnswerIsCachedAndNotAskedAgain(@TempDir Path dir) {
        server.enqueue(completion(T_ANSWER, null, "stop"));
        try (ChatCache cache = ChatCache.open(dir)) {
            GroupAnnotation first = annotator(compatible(), cache, ExpertRules.NONE).annotate("t", T_GROUP,
                CancellationToken.NONE);
            assertEquals(1, cache.size());
            GroupAnnotation second = annotator(compatible(), cache, ExpertRules.NONE).annotate("t", T_GROUP,
                CancellationToken.NONE);
            assertEquals(first.termId(), second.termId());
            assertTrue(second.notes().contains("answer from the local cache"));
            assertEquals(1, server.getRequestCount());
        }
    }

    @Test
    void rateLimitsAreRetriedAfterTheServersWait() {
        server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "0")
            .body("{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}")
            .build());
        server.enqueue(completion(T_ANSWER, null, "stop"));
        GroupAnnotation a = annotator(compatible(), null, ExpertRules.NONE).annotate("t", T_GROUP,
            CancellationToken.NONE);
        assertEquals("X:2", a.termId());
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void persistentRateLimitsFailAfterTheLastAttemptWithoutTheKey() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(new MockResponse.Builder().code(429).body("{\"error\":{\"message\":\"slow down " + KEY
                + "\"}}").build());
        }
        LlmServiceException e = assertThrows(LlmServiceException.class, () -> annotator(compatible(), null,
            ExpertRules.NONE).annotate("t", T_GROUP, CancellationToken.NONE));
        assertEquals(429, e.status());
        assertEquals(3, e.attempts());
        assertEquals(3, server.getRequestCount());
        assertFalse(e.getMessage().contains(KEY), e.getMessage());
    }

    @Test
    void aRefusedKeyFailsAtOnceAndIsRedacted() {
        server.enqueue(new MockResponse.Builder().code(401).body("{\"error\":{\"message\":\"Incorrect API key "
            + "provided: " + KEY + "\",\"code\":\"invalid_api_key\"}}").build());
        LlmServiceException e = assertThrows(LlmServiceException.class, () -> annotator(compatible(), null,
            ExpertRules.NONE).annotate("t", T_GROUP, CancellationToken.NONE));
        assertEquals(1, server.getRequestCount());
        assertFalse(e.getMessage().contains(KEY), e.getMessage());
        assertTrue(e.getMessage().contains("<redacted>") && e.getMessage().contains("LLM_KEY"), e.getMessage());
    }

    @Test
    void azureUsesTheDeploymentPathApiVersionAndApiKeyHeader() throws Exception {
        server.enqueue(completion(T_ANSWER, null, "stop"));
        ChatSettings s = ChatSettings.of(ProviderKind.AZURE, "gpt4o-dep", server.url("/").toString()).withRetry(FAST)
            .withApiKey(KEY);
        annotator(new ChatClient(s, v -> null), null, ExpertRules.NONE).annotate("t", T_GROUP,
            CancellationToken.NONE);
        RecordedRequest req = server.takeRequest();
        assertEquals("/openai/deployments/gpt4o-dep/chat/completions", req.getUrl().encodedPath());
        assertEquals(ChatSettings.DEFAULT_AZURE_API_VERSION, req.getUrl().queryParameter("api-version"));
        assertEquals(KEY, req.getHeaders().get("api-key"));
        JsonNode body = JSON.readTree(req.getBody().utf8());
        assertFalse(body.has("model"));
        assertEquals(1024, body.get("max_completion_tokens").asInt());
    }

    @Test
    void openAiWithoutAKeyIsRefusedBeforeAnyRequest() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new ChatClient(ChatSettings.of(
            ProviderKind.OPENAI, "gpt-4o-mini", null), v -> null));
        assertTrue(e.getMessage().contains("OPENAI_API_KEY"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> ChatSettings.of(ProviderKind.TEI, "x", "http://h"));
    }

    @Test
    void groupsWithoutSignificantMarkersAreNotSentToTheModel() {
        GroupAnnotation a = annotator(compatible(), null, ExpertRules.NONE).annotate("z", List.of(Groups.marker("z",
            "CD3E", 1, 3, 1, 0.5)), CancellationToken.NONE);
        assertEquals(AnnotationStatus.UNRESOLVED, a.status());
        assertEquals(0, server.getRequestCount());
    }
}

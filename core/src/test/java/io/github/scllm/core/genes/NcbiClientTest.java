package io.github.scllm.core.genes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scllm.core.CancellationToken;
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

/** The E-utilities client and source against a local HTTP server serving NCBI-shaped JSON. */
class NcbiClientTest {
    private static final String CD3E_SUMMARY = "This gene encodes the CD3-epsilon polypeptide.";
    private static final String KEY = "k3y-SECRET-0123456789";

    private MockWebServer server;
    private FakeNcbi ncbi;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        ncbi = new FakeNcbi()
            .gene("CD3E", "916", "CD3E", "CD3 epsilon subunit of T-cell receptor complex", CD3E_SUMMARY,
                "CD3epsilon, IMD18, T3E, TCRE", 0, null)
            .alsoFinds("T3E", "916")
            .gene("OLDSYM", "111", "OLDSYM", "retired record", "", "", 1, "916");
        server.setDispatcher(ncbi);
        server.start(0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private NcbiClient.Options options() {
        return NcbiClient.Options.DEFAULTS.withBaseUrl(server.url("/entrez/eutils/").toString())
            .withContact("scllm-test", "dev@example.org")
            .withRetries(Duration.ofMillis(500), 4, Duration.ofMillis(20), Duration.ofSeconds(3));
    }

    private static MockResponse status(int code) {
        return new MockResponse.Builder().code(code).body("{\"error\":\"status " + code + "\"}").build();
    }

    private LookupResult lookup(NcbiClient client, DescriptionCache cache, String... symbols) {
        return new GeneDescriptionLookup(9606, List.of(new NcbiGeneSource(client, 9606)), Fallback.FIXED_SENTENCE,
            cache).lookup(List.of(symbols), CancellationToken.NONE, ProgressListener.NONE);
    }

    @Test
    void symbolIsSearchedWithTaxonAndAliveFilterThenSummarised() {
        try (NcbiClient client = new NcbiClient(options())) {
            GeneDescription d = lookup(client, null, "cd3e").genes().get(0);
            assertEquals(LookupStatus.FOUND, d.status());
            assertEquals(DescriptionSource.NCBI, d.source());
            assertEquals("916", d.geneId());
            assertEquals("CD3E", d.symbol());
            assertEquals(CD3E_SUMMARY, d.text());
        }
        List<RecordedRequest> r = ncbi.requests();
        assertEquals(2, r.size());
        assertEquals("CD3E[sym] AND txid9606[orgn] AND alive[prop]", r.get(0).getUrl().queryParameter("term"));
        for (RecordedRequest q : r) {
            assertEquals("gene", q.getUrl().queryParameter("db"));
            assertEquals("json", q.getUrl().queryParameter("retmode"));
            assertEquals("scllm-test", q.getUrl().queryParameter("tool"));
            assertEquals("dev@example.org", q.getUrl().queryParameter("email"));
            assertNull(q.getUrl().queryParameter("api_key"));
        }
        assertEquals("916", r.get(1).getUrl().queryParameter("id"));
        assertEquals("GET", r.get(1).getMethod());
    }

    @Test
    void aliasHitReportsTheOfficialSymbol() {
        try (NcbiClient client = new NcbiClient(options())) {
            GeneDescription d = lookup(client, null, "T3E").genes().get(0);
            assertEquals(LookupStatus.ALIAS, d.status());
            assertEquals("CD3E", d.symbol());
            assertEquals("T3E", d.query());
            assertTrue(d.note().contains("alias of CD3E"), d.note());
            assertEquals(CD3E_SUMMARY, d.summary());
        }
    }

    @Test
    void replacedGeneIdYieldsTheCurrentRecordMarkedReplaced() {
        try (NcbiClient client = new NcbiClient(options())) {
            GeneDescription d = lookup(client, null, "OLDSYM").genes().get(0);
            assertEquals(LookupStatus.REPLACED, d.status());
            assertEquals("916", d.geneId());
            assertEquals(CD3E_SUMMARY, d.summary());
            assertTrue(d.note().contains("111") && d.note().contains("916"), d.note());
        }
        assertEquals(3, ncbi.requests().size(), "esearch, esummary, esummary of the current ID");
    }

    @Test
    void emptySearchResultIsNotFoundWithoutAnEsummaryRequest() {
        try (NcbiClient client = new NcbiClient(options())) {
            GeneDescription d = lookup(client, null, "NOSUCHGENE").genes().get(0);
            assertEquals(LookupStatus.NOT_FOUND, d.status());
            assertEquals(Fallback.FIXED_SENTENCE_TEXT, d.text());
        }
        assertEquals(1, ncbi.requests().size());
    }

    @Test
    void tooManyRequestsWithoutRetryAfterIsRetriedWithBackoff() {
        ncbi.then(status(429));
        try (NcbiClient client = new NcbiClient(options())) {
            assertEquals(List.of("916"), client.searchGeneIds("CD3E", 9606, CancellationToken.NONE));
        }
        assertEquals(2, ncbi.requests().size());
    }

    @Test
    void tooManyRequestsWithRetryAfterWaitsAsLongAsTheServerAsks() {
        ncbi.then(new MockResponse.Builder().code(429).setHeader("Retry-After", "2").build());
        try (NcbiClient client = new NcbiClient(options())) {
            assertEquals(List.of("916"), client.searchGeneIds("CD3E", 9606, CancellationToken.NONE));
        }
        assertEquals(2, ncbi.arrivals.size());
        long gap = ncbi.arrivals.get(1).nanos() - ncbi.arrivals.get(0).nanos();
        assertTrue(gap >= TimeUnit.MILLISECONDS.toNanos(1_900), "second request came after " + gap / 1e6 + " ms");
    }

    @Test
    void serverErrorThenSuccessIsRetried() {
        ncbi.then(status(500)).then(status(503));
        try (NcbiClient client = new NcbiClient(options())) {
            assertEquals(List.of("916"), client.searchGeneIds("CD3E", 9606, CancellationToken.NONE));
        }
        assertEquals(3, ncbi.requests().size());
    }

    @Test
    void timeoutIsRetried() {
        ncbi.then(new MockResponse.Builder().code(200).headersDelay(3, TimeUnit.SECONDS)
            .body("{\"esearchresult\":{\"idlist\":[\"1\"]}}").build());
        try (NcbiClient client = new NcbiClient(options())) {
            assertEquals(List.of("916"), client.searchGeneIds("CD3E", 9606, CancellationToken.NONE));
        }
        assertEquals(2, ncbi.requests().size());
    }

    @Test
    void persistentServerErrorsFailAfterTheConfiguredAttempts() {
        for (int i = 0; i < 4; i++) {
            ncbi.then(status(502));
        }
        try (NcbiClient client = new NcbiClient(options())) {
            NcbiException e = assertThrows(NcbiException.class,
                () -> client.searchGeneIds("CD3E", 9606, CancellationToken.NONE));
            assertEquals(502, e.httpStatus());
            assertTrue(e.getMessage().contains("4 attempts") && e.getMessage().contains("CD3E"), e.getMessage());
        }
        assertEquals(4, ncbi.requests().size());
    }

    @Test
    void clientErrorsOtherThanRateLimitAreNotRetried() {
        ncbi.then(status(404));
        try (NcbiClient client = new NcbiClient(options())) {
            NcbiException e = assertThrows(NcbiException.class,
                () -> client.searchGeneIds("CD3E", 9606, CancellationToken.NONE));
            assertEquals(404, e.httpStatus());
        }
        assertEquals(1, ncbi.requests().size());
    }

    @Test
    void malformedJsonFailsWithAClearMessage() {
        ncbi.then(FakeNcbi.json("{\"esearchresult\": {\"idlist\": [\"916\""));
        try (NcbiClient client = new NcbiClient(options())) {
            NcbiException e = assertThrows(NcbiException.class,
                () -> client.searchGeneIds("CD3E", 9606, CancellationToken.NONE));
            assertTrue(e.getMessage().contains("malformed JSON") && e.getMessage().contains("esearch of CD3E"),
                e.getMessage());
        }
    }

    @Test
    void moreThan200IdsAreSentAsPostAndFewerAsGet() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            ids.add(Integer.toString(100_000 + i));
        }
        ids.set(7, "916");
        try (NcbiClient client = new NcbiClient(options().withApiKey(KEY))) {
            Map<String, NcbiGene> got = client.summaries(ids, CancellationToken.NONE);
            assertEquals(250, got.size());
            assertEquals("CD3E", got.get("916").symbol());
            assertEquals(List.of("CD3epsilon", "IMD18", "T3E", "TCRE"), got.get("916").aliases());
            assertEquals("cannot get document summary", got.get("100000").error());
            client.summaries(ids.subList(0, 3), CancellationToken.NONE);
        }
        RecordedRequest post = ncbi.requests().get(0);
        assertEquals("POST", post.getMethod());
        String body = post.getBody().utf8();
        assertTrue(body.contains("db=gene") && body.contains("api_key=" + KEY) && body.contains("id=100000%2C"), body);
        assertNull(post.getUrl().queryParameter("id"), "IDs go in the body, not the URL");
        assertEquals("GET", ncbi.requests().get(1).getMethod());
    }

    @Test
    void apiKeyIsSentButNeverAppearsInMessagesOrSettingsText() {
        ncbi.then(new MockResponse.Builder().code(400)
            .body("{\"error\":\"API key invalid\",\"api-key\":\"" + KEY + "\"}").build());
        for (int i = 0; i < 4; i++) {
            ncbi.then(new MockResponse.Builder().code(500).body("backend failed for api_key=" + KEY).build());
        }
        try (NcbiClient client = new NcbiClient(options().withApiKey(KEY))) {
            NcbiException refused = assertThrows(NcbiException.class,
                () -> client.searchGeneIds("CD3E", 9606, CancellationToken.NONE));
            assertFalse(refused.getMessage().contains(KEY), refused.getMessage());
            assertTrue(refused.getMessage().contains("<redacted>") && refused.getMessage().contains("API key"),
                refused.getMessage());
            NcbiException failed = assertThrows(NcbiException.class,
                () -> client.searchGeneIds("CD3E", 9606, CancellationToken.NONE));
            assertFalse(failed.getMessage().contains(KEY), failed.getMessage());
        }
        assertEquals(KEY, ncbi.requests().get(0).getUrl().queryParameter("api_key"));
        assertFalse(options().withApiKey(KEY).toString().contains(KEY));
    }

    @Test
    void withoutKeyTheServerNeverSeesMoreThanThreeRequestsInAnySecond() {
        try (NcbiClient client = new NcbiClient(options())) {
            assertEquals(3, client.requestsPerSecond());
            for (int i = 0; i < 10; i++) {
                client.searchGeneIds("CD3E", 9606, CancellationToken.NONE);
            }
        }
        assertMostPerSecond(3, 10);
    }

    @Test
    void requestsDelayedOnTheWayByDifferentAmountsStillNeverArriveMoreThanThreeInAnySecond() throws IOException {
        // the first request of each group is held longest on the way, so requests acquired more than a second
        // apart would arrive less than a second apart
        try (DelayingProxy proxy = new DelayingProxy(server.getPort(), 7, 400);
             NcbiClient client = new NcbiClient(options().withBaseUrl("http://127.0.0.1:" + proxy.port()
                 + "/entrez/eutils/"))) {
            for (int i = 0; i < 10; i++) {
                client.searchGeneIds("CD3E", 9606, CancellationToken.NONE);
            }
        }
        assertMostPerSecond(3, 10);
    }

    @Test
    void withKeyTheServerNeverSeesMoreThanTenRequestsInAnySecondAcrossThreads() throws InterruptedException {
        try (NcbiClient client = new NcbiClient(options().withApiKey(KEY))) {
            assertEquals(10, client.requestsPerSecond());
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                Thread th = new Thread(() -> {
                    for (int i = 0; i < 9; i++) {
                        client.searchGeneIds("CD3E", 9606, CancellationToken.NONE);
                    }
                });
                threads.add(th);
                th.start();
            }
            for (Thread th : threads) {
                th.join();
            }
        }
        assertMostPerSecond(10, 27);
    }

    /** Checks the arrival times the server recorded: no one-second window holds more than {@code limit}. */
    private void assertMostPerSecond(int limit, int expectedRequests) {
        long[] t = ncbi.arrivals.stream().mapToLong(FakeNcbi.Arrival::nanos).sorted().toArray();
        assertEquals(expectedRequests, t.length);
        int worst = 0;
        for (int i = 0; i < t.length; i++) {
            int n = 0;
            for (int j = i; j < t.length && t[j] - t[i] < 1_000_000_000L; j++) {
                n++;
            }
            worst = Math.max(worst, n);
        }
        assertTrue(worst <= limit, worst + " requests arrived within one second; limit " + limit);
    }
}

package io.github.scllm.core.genes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.ProgressListener;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the NCBI source leaves in the description cache: every finished gene even when a later one fails, never a
 * "not found" made of an incomplete answer, and a positive "not found" only until it expires.
 */
class NcbiCachingTest {
    @TempDir
    Path dir;

    private MockWebServer server;
    private FakeNcbi ncbi;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        ncbi = new FakeNcbi();
        for (int g = 1; g <= 7; g++) {
            ncbi.gene("GENE" + g, "10" + g, "GENE" + g, "gene " + g, "Summary of gene " + g + ".", "", 0, null);
        }
        server.setDispatcher(ncbi);
        server.start(0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private NcbiClient client() {
        return new NcbiClient(NcbiClient.Options.DEFAULTS.withBaseUrl(server.url("/entrez/eutils/").toString())
            .withApiKey("test-key").withRetries(Duration.ofMillis(500), 2, Duration.ofMillis(10),
                Duration.ofMillis(50)));
    }

    private LookupResult lookup(DescriptionCache cache, String... symbols) {
        try (NcbiClient client = client()) {
            return new GeneDescriptionLookup(9606, List.of(new NcbiGeneSource(client, 9606)),
                Fallback.FIXED_SENTENCE, cache).lookup(List.of(symbols), CancellationToken.NONE,
                    ProgressListener.NONE);
        }
    }

    private static MockResponse json(String body) {
        return FakeNcbi.json(body);
    }

    @Test
    void aFailureOnTheSeventhGeneKeepsTheSixBeforeItInTheCache() {
        ncbi.failSearchOf("GENE7", new MockResponse.Builder().code(400).body("{\"error\":\"bad request\"}").build());
        try (DescriptionCache cache = DescriptionCache.open(dir)) {
            assertThrows(NcbiException.class, () -> lookup(cache, "GENE1", "GENE2", "GENE3", "GENE4", "GENE5",
                "GENE6", "GENE7"));
        }
        try (DescriptionCache cache = DescriptionCache.open(dir)) {
            for (int g = 1; g <= 6; g++) {
                GeneHit h = cache.get(9606, "GENE" + g, "ncbi");
                assertNotNull(h, "gene " + g);
                assertEquals("Summary of gene " + g + ".", h.summary());
            }
            assertNull(cache.get(9606, "GENE7", "ncbi"));
        }
        int before = ncbi.requests().size();
        ncbi.healSearchOf("GENE7");
        try (DescriptionCache cache = DescriptionCache.open(dir)) {
            LookupResult r = lookup(cache, "GENE1", "GENE2", "GENE3", "GENE4", "GENE5", "GENE6", "GENE7");
            assertEquals(6, r.cacheHits());
        }
        assertEquals(2, ncbi.requests().size() - before, "the rerun asks only for gene 7: esearch and esummary");
    }

    @Test
    void anEsummaryListingAnIdWithoutItsRecordIsAnErrorAndNothingIsCached() {
        ncbi.then(json("{\"esearchresult\":{\"count\":\"1\",\"idlist\":[\"101\"]}}"))
            .then(json("{\"result\":{\"uids\":[\"101\"]}}"));
        try (DescriptionCache cache = DescriptionCache.open(dir)) {
            NcbiException x = assertThrows(NcbiException.class, () -> lookup(cache, "GENE1"));
            assertTrue(x.getMessage().contains("without its record"), x.getMessage());
            assertNull(cache.get(9606, "GENE1", "ncbi"));
            assertEquals(0, cache.size());
        }
    }

    @Test
    void anEsearchCountingHitsWithAnEmptyIdListIsAnErrorNotANotFound() {
        ncbi.then(json("{\"esearchresult\":{\"count\":\"1\",\"retmax\":\"0\",\"idlist\":[]}}"));
        try (DescriptionCache cache = DescriptionCache.open(dir)) {
            NcbiException x = assertThrows(NcbiException.class, () -> lookup(cache, "GENE1"));
            assertTrue(x.getMessage().contains("incomplete"), x.getMessage());
            assertEquals(0, cache.size());
        }
        try (DescriptionCache cache = DescriptionCache.open(dir)) {
            assertEquals(LookupStatus.FOUND, lookup(cache, "GENE1").genes().get(0).status());
        }
    }

    @Test
    void anEsearchWithoutCountIsAnErrorNotANotFound() {
        ncbi.then(json("{\"esearchresult\":{\"idlist\":[]}}"));
        try (DescriptionCache cache = DescriptionCache.open(dir)) {
            assertThrows(NcbiException.class, () -> lookup(cache, "GENE1"));
            assertEquals(0, cache.size());
        }
    }

    @Test
    void aPositiveNotFoundIsCachedUntilItExpiresOrIsRefreshed() {
        Instant[] now = {Instant.parse("2026-01-01T00:00:00Z")};
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        Path file = dir.resolve("gene-descriptions.mv.db");
        try (DescriptionCache cache = new DescriptionCache(KeyValueStore.open(file, DescriptionCache.NAMESPACE),
            clock)) {
            assertEquals(LookupStatus.NOT_FOUND, lookup(cache, "NOSUCH").genes().get(0).status());
            int asked = ncbi.requests().size();
            lookup(cache, "NOSUCH");
            assertEquals(asked, ncbi.requests().size(), "a fresh not found comes from the cache");

            now[0] = now[0].plus(DescriptionCache.NOT_FOUND_MAX_AGE).plusSeconds(1);
            lookup(cache, "NOSUCH");
            assertEquals(asked + 1, ncbi.requests().size(), "an expired not found is asked again");
            lookup(cache, "NOSUCH");
            assertEquals(asked + 1, ncbi.requests().size(), "and cached again from then on");

            cache.refreshNotFound();
            lookup(cache, "NOSUCH");
            assertEquals(asked + 2, ncbi.requests().size(), "refresh asks again");
        }
    }
}

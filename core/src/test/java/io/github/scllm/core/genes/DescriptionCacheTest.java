package io.github.scllm.core.genes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.ProgressListener;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import mockwebserver3.MockWebServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DescriptionCacheTest {
    @TempDir
    Path dir;
    private MockWebServer server;
    private FakeNcbi ncbi;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        ncbi = new FakeNcbi().gene("CD3E", "916", "CD3E", "CD3 epsilon", "Epsilon chain text.", "T3E, TCRE", 0, null)
            .alsoFinds("T3E", "916");
        server.setDispatcher(ncbi);
        server.start(0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private LookupResult run(int taxon) {
        NcbiClient.Options o = NcbiClient.Options.DEFAULTS.withBaseUrl(server.url("/eutils/").toString())
            .withRetries(Duration.ofSeconds(2), 2, Duration.ofMillis(10), Duration.ofSeconds(1));
        try (NcbiClient client = new NcbiClient(o); DescriptionCache cache = DescriptionCache.open(dir)) {
            return new GeneDescriptionLookup(taxon, List.of(new NcbiGeneSource(client, taxon)),
                Fallback.SYMBOL_AND_NAME, cache)
                .lookup(List.of("CD3E", "T3E", "NOSUCH", "cd3e"), CancellationToken.NONE, ProgressListener.NONE);
        }
    }

    @Test
    void rerunAnswersFromTheReopenedCacheWithoutAnyRequest() {
        LookupResult first = run(9606);
        int requests = ncbi.requests().size();
        assertTrue(requests >= 4, "first run asked NCBI " + requests + " times");
        assertEquals(0, first.cacheHits());
        assertEquals(2, first.bySource().get(DescriptionSource.NCBI));

        LookupResult second = run(9606);
        assertEquals(requests, ncbi.requests().size(), "second run made requests");
        assertEquals(3, second.cacheHits(), "CD3E, T3E and the negative answer for NOSUCH");
        assertEquals(2, second.bySource().get(DescriptionSource.CACHE));
        GeneDescription alias = second.genes().get(1);
        assertEquals(LookupStatus.ALIAS, alias.status());
        assertEquals("CD3E", alias.symbol());
        assertEquals("Epsilon chain text.", alias.text());
        assertEquals(LookupStatus.NOT_FOUND, second.genes().get(2).status());
        assertEquals(1, second.duplicateCount());
        assertEquals(first.genes().stream().map(GeneDescription::text).toList(),
            second.genes().stream().map(GeneDescription::text).toList());
    }

    @Test
    void cacheKeyIncludesTheTaxon() {
        run(9606);
        int requests = ncbi.requests().size();
        LookupResult mouse = run(10090);
        assertEquals(0, mouse.cacheHits());
        assertTrue(ncbi.requests().size() > requests, "another organism must be asked again");
    }
}

package io.github.scllm.core.genes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.ProgressListener;

/** An official symbol keeps its own gene: it is never resolved as the alias of another. */
class OfficialSymbolsTest {

    /** A summary table shaped like the RefSeq one, with its real synonym lists: JUNB and PLAC8 are among them. */
    private static Path table(Path dir) throws Exception {
        return Files.writeString(dir.resolve("summaries.tsv"), "Symbol\tGeneID\tSynonyms\tGene_summary\n"
            + "RNASEH2A\t10535\tAGS4|JUNB|RNASEHI|RNHIA\tThe protein encoded by this gene is a component of the "
            + "heterotrimeric type II ribonuclease H enzyme.\n"
            + "LGALS13\t29124\tGAL13|PLAC8|PP13\tLysophospholipases are enzymes that act on biological membranes.\n"
            + "TLE5\t166\tAES|AES-1|ESP1|GRG|GRG5\tThe protein encoded by this gene belongs to the groucho/TLE family.\n");
    }

    private static Map<String, GeneDescription> lookup(int taxon, List<GeneSource> sources, String... symbols) {
        return new GeneDescriptionLookup(taxon, sources, Fallback.SKIP, null)
            .lookup(List.of(symbols), CancellationToken.NONE, ProgressListener.NONE).genes().stream()
            .collect(Collectors.toMap(GeneDescription::query, Function.identity()));
    }

    @Test
    void withOnlyASummaryTableTheShippedHumanSymbolsKeepJunbAndPlac8ApartFromTheGenesListingThemAsAliases(
            @TempDir Path dir) throws Exception {
        LookupResult r = new GeneDescriptionLookup(Organism.HUMAN, List.of(SummaryTableSource.load(table(dir))),
            Fallback.SKIP, null).lookup(List.of("JUNB", "PLAC8", "AES"), CancellationToken.NONE, ProgressListener.NONE);
        Map<String, GeneDescription> g = r.genes().stream()
            .collect(Collectors.toMap(GeneDescription::query, Function.identity()));
        for (String own : List.of("JUNB", "PLAC8")) {
            assertEquals(own, g.get(own).symbol());
            assertEquals(LookupStatus.NOT_FOUND, g.get(own).status());
            assertNull(g.get(own).summary(), own + " got another gene's description");
            assertTrue(g.get(own).note().contains("official symbol"), g.get(own).note());
        }
        // AES is no longer an official symbol: the alias of TLE5 resolves
        assertEquals("TLE5", g.get("AES").symbol());
        assertEquals(LookupStatus.ALIAS, g.get("AES").status());
        assertEquals(2, r.aliasesRefused());
        assertEquals(1, r.byStatus().get(LookupStatus.ALIAS));
    }

    @Test
    void withoutAShippedListASymbolOfAnyLocalTableIsNeverAnotherGenesAlias(@TempDir Path dir) throws Exception {
        Path own = Files.writeString(dir.resolve("junb.tsv"), "Symbol\tGene_summary\nJUNB\t\n");
        int rat = 10116;
        // the table naming JUNB as a gene of its own comes after the one listing it as an alias: still refused
        Map<String, GeneDescription> g = lookup(rat, List.of(SummaryTableSource.load(table(dir)),
            SummaryTableSource.load(own)), "JUNB", "AES");
        assertNull(g.get("JUNB").summary());
        assertEquals("TLE5", g.get("AES").symbol());
        // and with nothing to tell, an unambiguous alias still resolves (the rat has no shipped list)
        assertEquals("RNASEH2A", lookup(rat, List.of(SummaryTableSource.load(table(dir))), "JUNB").get("JUNB")
            .symbol());
    }

    @Test
    void theShippedListsAreTheNcbiGeneInfoSymbolsOfTheirOrganism() throws Exception {
        for (Map.Entry<Integer, String> e : Map.of(Organism.HUMAN, "gene_summaries/Homo_sapiens.gene_info.gz",
            Organism.MOUSE, "gene_summaries/Mus_musculus.gene_info.gz").entrySet()) {
            Set<String> expected = new HashSet<>();
            try (BufferedReader r = TextTables.open(TestData.file(e.getValue()), "gene_info")) {
                List<String> header = TextTables.next(r, '\t');
                int tax = header.indexOf("#tax_id");
                int sym = header.indexOf("Symbol");
                int type = header.indexOf("type_of_gene");
                for (List<String> f = TextTables.next(r, '\t'); f != null; f = TextTables.next(r, '\t')) {
                    if (f.get(tax).equals(e.getKey().toString()) && !f.get(type).equals("biological-region")) {
                        expected.add(Organism.key(f.get(sym)));
                    }
                }
            }
            OfficialSymbols shipped = OfficialSymbols.shipped(e.getKey()).orElseThrow();
            assertEquals(expected.size(), shipped.size(), "taxon " + e.getKey());
            assertTrue(expected.stream().allMatch(shipped::contains), "taxon " + e.getKey());
        }
        assertTrue(OfficialSymbols.shipped(10116).isEmpty());
    }
}

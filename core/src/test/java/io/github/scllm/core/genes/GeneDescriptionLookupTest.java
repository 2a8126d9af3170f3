package io.github.scllm.core.genes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.CancelledException;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.ProgressListener;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lookup behaviour on small synthetic files written by the tests. */
class GeneDescriptionLookupTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private static LookupResult run(GeneDescriptionLookup l, String... symbols) {
        return l.lookup(Arrays.asList(symbols), CancellationToken.NONE, ProgressListener.NONE);
    }

    @Test
    void jsonSummariesAsGenePtDistributesThemAreMatchedCaseInsensitively() throws IOException {
        Path json = write("genept.json", "{\"Cd3e\": \"T cell co-receptor subunit.\", \"GAPDH\": \"Glycolysis enzyme.\","
            + " \"X\": null}");
        LookupResult r = run(new GeneDescriptionLookup(Organism.MOUSE, List.of(SummaryTableSource.load(json)),
            Fallback.SKIP, null), "CD3E", "gapdh", "Actb");
        assertEquals("T cell co-receptor subunit.", r.genes().get(0).text());
        assertEquals("Cd3e", r.genes().get(0).symbol());
        assertEquals("Glycolysis enzyme.", r.genes().get(1).text());
        GeneDescription actb = r.genes().get(2);
        assertEquals(LookupStatus.NOT_FOUND, actb.status());
        assertEquals("", actb.text());
        assertEquals(3, r.genes().size(), "skipped genes are still reported");
    }

    @Test
    void quotedCsvFieldsWithCommasAndLineBreaksAreRead() throws IOException {
        Path csv = write("s.csv", "gene_symbol,summary\nA1,\"first, with comma\"\nB2,\"two\nlines \"\"quoted\"\"\"\n");
        LookupResult r = run(new GeneDescriptionLookup(9606, List.of(SummaryTableSource.load(csv)),
            Fallback.FIXED_SENTENCE, null), "a1", "B2");
        assertEquals("first, with comma", r.genes().get(0).text());
        assertEquals("two\nlines \"quoted\"", r.genes().get(1).text());
    }

    @Test
    void tableWithoutSymbolOrSummaryColumnIsRejectedListingItsColumns() throws IOException {
        Path tsv = write("bad.tsv", "name\tinfo\nA\tB\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SummaryTableSource.load(tsv));
        assertTrue(e.getMessage().contains("[name, info]"), e.getMessage());
    }

    @Test
    void geneInfoIdentifiesAndTheNextSourceDescribesUnderTheOfficialSymbol() throws IOException {
        Path info = write("g.gene_info", "#tax_id\tGeneID\tSymbol\tLocusTag\tSynonyms\tdbXrefs\tchromosome\tmap_location"
            + "\tdescription\ttype_of_gene\tSymbol_from_nomenclature_authority\tFull_name_from_nomenclature_authority\n"
            + "9606\t916\tCD3E\t-\tT3E|TCRE\tEnsembl:ENSG00000198851\t11\t-\tdesc\tprotein-coding\tCD3E\tCD3 epsilon\n"
            + "9606\t1\tA1BG\t-\t-\t-\t19\t-\talpha-1-B glycoprotein\tprotein-coding\t-\t-\n"
            + "10090\t12501\tCd3e\t-\t-\t-\t9\t-\tx\tprotein-coding\t-\t-\n");
        Path sums = write("s.tsv", "Symbol\tGene_summary\nCD3E\tEpsilon text.\n");
        GeneDescriptionLookup l = new GeneDescriptionLookup(9606, List.of(GeneInfoSource.load(info, 9606),
            SummaryTableSource.load(sums)), Fallback.SYMBOL_AND_NAME, null);
        LookupResult r = run(l, "tcre", "ENSG00000198851.4", "A1BG", "A1BG");
        GeneDescription alias = r.genes().get(0);
        assertEquals(LookupStatus.ALIAS, alias.status());
        assertEquals("CD3E", alias.symbol());
        assertEquals("916", alias.geneId());
        assertEquals("Epsilon text.", alias.text());
        GeneDescription ens = r.genes().get(1);
        assertEquals("CD3E", ens.symbol());
        assertTrue(ens.note().contains("Ensembl ID"), ens.note());
        GeneDescription a1bg = r.genes().get(2);
        assertEquals("A1BG: alpha-1-B glycoprotein", a1bg.text(), "gene_info description used when no authority name");
        assertEquals(DescriptionSource.FALLBACK, a1bg.source());
        assertEquals(LookupStatus.FOUND, a1bg.status());
        assertNull(a1bg.summary());
        assertEquals(1, r.duplicateCount());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> GeneInfoSource.load(info, 7955));
        assertTrue(e.getMessage().contains("7955") && e.getMessage().contains("9606"), e.getMessage());
    }

    @Test
    void organismPresetsAndTaxonIdsResolveAndUnknownNamesSayWhatToUse() {
        assertEquals(9606, Organism.taxon("Human"));
        assertEquals(10090, Organism.taxon(" mouse "));
        assertEquals(10116, Organism.taxon("10116"));
        assertEquals(10116, Organism.taxon("txid10116"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Organism.taxon("zebrafsh"));
        assertTrue(e.getMessage().contains("zebrafsh") && e.getMessage().contains("human, mouse"), e.getMessage());
        assertTrue(Organism.isEnsemblGeneId("ENSMUSG00000032093"));
        assertTrue(Organism.isEnsemblGeneId("ensg00000121410.5"));
        assertTrue(!Organism.isEnsemblGeneId("ENST00000263100"));
    }

    @Test
    void lookupNeedsASourceAndHonoursCancellation() throws IOException {
        assertThrows(InvalidInputException.class, () -> new GeneDescriptionLookup(9606, List.of(), Fallback.SKIP, null));
        GeneDescriptionLookup l = new GeneDescriptionLookup(9606,
            List.of(SummaryTableSource.load(write("s.tsv", "symbol\tsummary\nA\tt\n"))), Fallback.SKIP, null);
        assertThrows(CancelledException.class, () -> l.lookup(List.of("A"), () -> true, ProgressListener.NONE));
    }
}

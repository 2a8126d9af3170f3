package io.github.scllm.core.genes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.ProgressListener;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Lookups against the real NCBI gene_info files and RefSeq summary tables of the shared test data. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FileLookupTest {
    private GeneDescriptionLookup human;
    private GeneDescriptionLookup mouse;

    @BeforeAll
    void loadSources() {
        Path gs = TestData.file("gene_summaries/Homo_sapiens.gene_info.gz").getParent();
        SummaryTableSource humanSummaries = SummaryTableSource.load(gs.resolve("refseq_gene_summary_human.tsv.gz"));
        human = new GeneDescriptionLookup(Organism.HUMAN, List.of(
            GeneInfoSource.load(gs.resolve("Homo_sapiens.gene_info.gz"), Organism.HUMAN), humanSummaries),
            Fallback.FIXED_SENTENCE, null);
        mouse = new GeneDescriptionLookup(Organism.MOUSE, List.of(
            GeneInfoSource.load(TestData.file("gene_summaries/Mus_musculus.gene_info.gz"), Organism.MOUSE),
            SummaryTableSource.load(gs.resolve("refseq_gene_summary_mouse.tsv.gz")),
            OrthologSource.load(TestData.file("gene_summaries/Ensembl105_Human2Mouse_Genes.csv"), true,
                humanSummaries)), Fallback.SYMBOL_AND_NAME, null);
    }

    private static Map<String, GeneDescription> byQuery(LookupResult r) {
        return r.genes().stream().collect(Collectors.toMap(GeneDescription::query, Function.identity()));
    }

    @Test
    void humanSymbolsResolveCaseInsensitivelyWithGeneIdNameAndSummary() {
        LookupResult r = human.lookup(List.of("CD3E", "cd3e", " MS4A1 ", "", "  "), CancellationToken.NONE,
            ProgressListener.NONE);
        assertEquals(2, r.genes().size());
        assertEquals(1, r.duplicateCount());
        assertEquals(2, r.blankCount());
        GeneDescription cd3e = r.genes().get(0);
        assertEquals("CD3E", cd3e.symbol());
        assertEquals("916", cd3e.geneId());
        assertEquals("CD3 epsilon subunit of T-cell receptor complex", cd3e.fullName());
        assertEquals(LookupStatus.FOUND, cd3e.status());
        assertEquals(DescriptionSource.FILE, cd3e.source());
        assertTrue(cd3e.text().contains("T-cell receptor"), cd3e.text());
        assertEquals("MS4A1", r.genes().get(1).query());
    }

    @Test
    void aliasesEnsemblIdsAndUnknownSymbolsAreReportedNotDropped() {
        LookupResult r = human.lookup(List.of("T3E", "ENSG00000121410", "ENSG99999999999", "NOTAGENE1"),
            CancellationToken.NONE, ProgressListener.NONE);
        Map<String, GeneDescription> g = byQuery(r);
        assertEquals(4, g.size());
        assertEquals(LookupStatus.ALIAS, g.get("T3E").status());
        assertEquals("CD3E", g.get("T3E").symbol());
        assertTrue(g.get("T3E").note().contains("alias of CD3E"), g.get("T3E").note());
        assertNotNull(g.get("T3E").summary());
        assertEquals("A1BG", g.get("ENSG00000121410").symbol());
        assertEquals(LookupStatus.FOUND, g.get("ENSG00000121410").status());
        assertEquals(LookupStatus.NOT_FOUND, g.get("ENSG99999999999").status());
        assertTrue(g.get("ENSG99999999999").note().contains("Ensembl"), g.get("ENSG99999999999").note());
        GeneDescription none = g.get("NOTAGENE1");
        assertEquals(LookupStatus.NOT_FOUND, none.status());
        assertEquals(DescriptionSource.FALLBACK, none.source());
        assertEquals(Fallback.FIXED_SENTENCE_TEXT, none.text());
        assertNull(none.summary());
        assertEquals(2, r.byStatus().get(LookupStatus.NOT_FOUND));
        assertEquals(2, r.bySource().get(DescriptionSource.FALLBACK));
    }

    @Test
    void aliasOfSeveralGenesIsAmbiguousAndNamesThem() {
        GeneDescription cd20 = human.lookup(List.of("CD20"), CancellationToken.NONE, ProgressListener.NONE).genes()
            .get(0);
        assertEquals(LookupStatus.AMBIGUOUS, cd20.status());
        assertTrue(cd20.note().contains("MS4A1") && cd20.note().contains("KRT20"), cd20.note());
        assertEquals(DescriptionSource.FALLBACK, cd20.source());
    }

    @Test
    void mouseGenesWithoutMouseSummaryTakeTheHumanOrthologText() {
        LookupResult r = mouse.lookup(List.of("Cd3e", "Gapdh", "Sftpc", "Notagene1"), CancellationToken.NONE,
            ProgressListener.NONE);
        Map<String, GeneDescription> g = byQuery(r);
        for (String s : List.of("Cd3e", "Sftpc")) {
            GeneDescription d = g.get(s);
            assertEquals(s, d.symbol());
            assertNotNull(d.geneId(), s);
            assertNotNull(d.summary(), s);
            assertTrue(d.source() == DescriptionSource.FILE || d.source() == DescriptionSource.ORTHOLOG, s);
        }
        assertTrue(r.bySource().get(DescriptionSource.ORTHOLOG) >= 1, r.bySource().toString());
        GeneDescription none = g.get("Notagene1");
        assertEquals("Notagene1", none.text());
    }

    @Test
    void printsCoverageOfEveryDatasetAndStaysAboveTheObservedLowerBound() throws IOException {
        List<String[]> rows = new ArrayList<>();
        rows.add(coverage("pbmc68k_reduced features", human,
            TestData.column(TestData.file("pbmc68k_reduced/counts_10x_mtx/features.tsv.gz"), 1, "\t"), 0.24, 0.55));
        rows.add(coverage("10x v3 fixture features", human, TestData.column(TestData.file(
            "10x_format_fixtures/v3_cellranger3/filtered_feature_bc_matrix/features.tsv.gz"), 1, "\t"), 0.24, 0.55));
        rows.add(coverage("10x v2 fixture genes", human, TestData.column(TestData.file(
            "10x_format_fixtures/v2_cellranger1.2/filtered_gene_bc_matrices/hg19_chr21/genes.tsv"), 1, "\t"), 0.42, 0.90));
        List<String> lung = TestData.column(TestData.file("mouse_lung_aec2/matrix.csv.gz"), 0, ",");
        rows.add(coverage("mouse_lung_aec2 genes", mouse, lung.subList(1, lung.size()), 0.68, 0.95));
        for (String[] row : rows) {
            System.out.println("coverage " + String.join(" ", row));
        }
    }

    /** Asserts lower bounds observed with these files (described: a real text; identified: a known gene). */
    private static String[] coverage(String name, GeneDescriptionLookup lookup, List<String> symbols, double described,
        double identified) {
        LookupResult r = lookup.lookup(symbols, CancellationToken.NONE, ProgressListener.NONE);
        int total = r.genes().size();
        int d = r.described();
        int known = total - r.byStatus().get(LookupStatus.NOT_FOUND) - r.byStatus().get(LookupStatus.AMBIGUOUS);
        assertTrue(d >= described * total, name + ": described " + d + "/" + total + " below " + described);
        assertTrue(known >= identified * total, name + ": identified " + known + "/" + total + " below " + identified);
        return new String[] {name + ": described", d + "/" + total, String.format("(%.3f),", d / (double) total),
            "identified", known + "/" + total, String.format("(%.3f)", known / (double) total),
            r.byStatus().toString(), r.bySource().toString()};
    }
}

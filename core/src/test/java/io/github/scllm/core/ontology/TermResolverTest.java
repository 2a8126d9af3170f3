package io.github.scllm.core.ontology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.ProgressListener;

import java.io.StringReader;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TermResolverTest {

    private static void expect(TermMatch m, String id, MatchMethod method) {
        assertEquals(id, m.id(), m.toString());
        assertEquals(method, m.method(), m.toString());
    }

    @Test
    void pbmcLabelsResolveByNormalisedNamesAndSynonymsOrAreReportedUnresolved() {
        TermResolver r = new TermResolver(TestData.cellOntology(), "CL:0000000", null, 0.5);
        expect(r.resolve("CD14+ Monocyte"), "CL:0001054", MatchMethod.NORMALISED);
        TermMatch b = r.resolve("CD19+ B");
        expect(b, "CL:0001201", MatchMethod.NORMALISED);
        assertEquals("CD19+ B cell", b.matched(), "found through the synonym, with 'cell' added");
        assertTrue(b.note().contains("adding 'cell'"), b.note());
        expect(r.resolve("Dendritic"), "CL:0000451", MatchMethod.NORMALISED);
        for (String label : List.of("CD34+", "CD4+/CD25 T Reg", "CD4+/CD45RA+/CD25- Naive T", "CD4+/CD45RO+ Memory",
            "CD56+ NK", "CD8+ Cytotoxic T", "CD8+/CD45RA+ Naive Cytotoxic")) {
            TermMatch m = r.resolve(label);
            assertFalse(m.resolved(), m.toString());
            assertEquals(MatchMethod.UNRESOLVED, m.method());
            assertEquals(0, m.score());
            assertTrue(m.note().contains("text-embedding matching is off"), m.note());
        }
    }

    @Test
    void mouseLungLabelsResolveWhereTheOntologyHasTheTypeAndNeverOtherwise() {
        TermResolver r = new TermResolver(TestData.cellOntology(), null, null, 0.5);
        expect(r.resolve("Macrophage"), "CL:0000235", MatchMethod.NAME);
        assertEquals(1.0, r.resolve("Macrophage").score());
        expect(r.resolve("Basal"), "CL:0000646", MatchMethod.NORMALISED);
        expect(r.resolve("Club"), "CL:0000158", MatchMethod.NORMALISED);
        expect(r.resolve("Ciliated"), "CL:0000064", MatchMethod.NORMALISED);
        for (String label : List.of("Other Injured AEC2", "Naive AEC2", "Injured AEC2: Transdifferentiating",
            "Injured AEC2: Cell Cycle Arrest", "Injured AEC2: Proliferating", "Endothelial/Fibroblast",
            "Naive AEC1")) {
            assertFalse(r.resolve(label).resolved(), label);
        }
        expect(r.resolve("AT2"), "CL:0002063", MatchMethod.SYNONYM);
        expect(r.resolve("T-cells"), "CL:0000084", MatchMethod.NORMALISED);
        expect(r.resolve("type ii pneumocyte"), "CL:0002063", MatchMethod.NAME);
    }

    @Test
    void britishSpellingsAndCloseWordingsResolveButOtherMarkersNever() {
        TermResolver r = new TermResolver(TestData.cellOntology(), "CL:0000548", null, 0.5);
        expect(r.resolve("Haematopoietic Stem Cells"), "CL:0000037", MatchMethod.NORMALISED);
        TermMatch tubule = r.resolve("Proximal tubule cell");
        expect(tubule, "CL:0002306", MatchMethod.FUZZY);
        assertTrue(tubule.note().contains("word overlap"), tubule.note());
        assertTrue(tubule.score() < 0.9, "a fuzzy match is less certain than a normalised name");
        assertFalse(r.resolve("CD4+/CD25 T Reg").resolved(), "the CD8 regulatory T cell shares all but the marker");
        expect(r.resolve("Myoblast"), "CL:0000056", MatchMethod.NAME);
        assertFalse(r.resolve("fungal cell").resolved(), "beside animal cell, not a candidate");
    }

    @Test
    void referenceLabelsWithTheirWordsInAnotherOrderResolveWithANote() {
        TermResolver r = new TermResolver(TestData.cellOntology(), "CL:0000000", null, 0.5);
        TermMatch memory = r.resolve("B cells memory");
        expect(memory, "CL:0000787", MatchMethod.NORMALISED);
        assertEquals("matched ignoring word order", memory.note());
        expect(r.resolve("T regulatory cells"), "CL:0000815", MatchMethod.NORMALISED);
        expect(r.resolve("T cytotoxic cells"), "CL:0000910", MatchMethod.NORMALISED);
    }

    @Test
    void atlasStyleQualifiersInParenthesesAndSuffixesAreReadAsTheTypeTheyQualify() {
        TermResolver r = new TermResolver(TestData.cellOntology(), "CL:0000000", null, 0.5);
        TermMatch ciliated = r.resolve("Epithelial cell (ciliated)");
        expect(ciliated, "CL:0000067", MatchMethod.NORMALISED);
        assertEquals("matched ignoring word order", ciliated.note());
        TermMatch immuneB = r.resolve("Immune (B cell)");
        expect(immuneB, "CL:0000236", MatchMethod.NAME);
        assertEquals("read as 'B cell'", immuneB.note());
        expect(r.resolve("B cell_2"), "CL:0000236", MatchMethod.NAME);
        assertTrue(r.resolve("Dendritic cell_1").score() < 1, "a reinterpreted label is less certain");
        assertFalse(r.resolve("Pericyte/SMC").resolved(), "a mixed label stays unresolved");
    }

    @Test
    void idsResolveDirectlyAndObsoleteIdsFollowTheirSingleReplacement() {
        TermResolver r = new TermResolver(TestData.cellOntology(), null, null, 0.5);
        expect(r.resolve("CL:0000084"), "CL:0000084", MatchMethod.ID);
        expect(r.resolve("CL_0000084"), "CL:0000084", MatchMethod.ID);
        TermMatch replaced = r.resolve("CL:0000375");
        expect(replaced, "CL:0007010", MatchMethod.ID);
        assertTrue(replaced.note().contains("obsolete"), replaced.note());
        TermMatch consider = r.resolve("CL:0000004");
        assertFalse(consider.resolved());
        assertEquals(3, consider.candidates().size(), consider.toString());
        TermMatch alt = r.resolve("CL:0000337");
        expect(alt, "CL:0000031", MatchMethod.ID);
        assertTrue(alt.note().contains("alternative ID"));
    }

    @Test
    void embeddingsResolveTheRestAboveTheThresholdAndReportCandidatesBelowIt() {
        WordHashEmbedder embedder = new WordHashEmbedder();
        TermResolver r = new TermResolver(TestData.cellOntology(), "CL:0000000", embedder, 0.45);
        List<TermMatch> all = r.resolveAll(List.of("CD8+ Cytotoxic T", "Naive AEC2", "Macrophage"),
            CancellationToken.NONE, ProgressListener.NONE);
        TermMatch cd8 = all.get(0);
        expect(cd8, "CL:0000625", MatchMethod.EMBEDDING);
        assertTrue(cd8.score() >= 0.45 && cd8.score() <= 1, cd8.toString());
        assertEquals(2, cd8.candidates().size(), "the runners-up are kept");
        assertTrue(cd8.candidates().get(0).score() <= cd8.score());
        TermMatch aec2 = all.get(1);
        assertFalse(aec2.resolved(), aec2.toString());
        assertTrue(aec2.note().contains("threshold"), aec2.note());
        assertEquals(3, aec2.candidates().size(), "the nearest terms are reported for the user to judge");
        expect(all.get(2), "CL:0000235", MatchMethod.NAME);
        int embeddedTerms = embedder.texts.get();
        assertEquals(r.candidateCount() + 2, embeddedTerms, "terms embedded once, only the two unmatched labels");
        r.resolve("Naive AEC1");
        assertEquals(embeddedTerms + 1, embedder.texts.get(), "term vectors are reused");
    }

    @Test
    void aLabelNamingSeveralTermsEquallyIsAmbiguousNotGuessed() {
        Ontology o = Ontology.parse(new StringReader("""
            [Term]
            id: X:1
            name: alpha cell
            synonym: "A cell" EXACT []

            [Term]
            id: X:2
            name: acinar cell
            synonym: "A cell" EXACT []

            [Term]
            id: X:3
            name: old cell
            is_obsolete: true
            synonym: "beta cell" EXACT []
            """), "tiny.obo");
        TermResolver r = new TermResolver(o, null, null, 0.5);
        TermMatch a = r.resolve("a cell");
        assertFalse(a.resolved());
        assertTrue(a.note().startsWith("ambiguous"), a.note());
        assertEquals(List.of("X:1", "X:2"), a.candidates().stream().map(TermMatch.Candidate::id).toList());
        assertNull(r.resolve("beta cell").id(), "obsolete terms are never chosen");
        assertFalse(r.resolve("  ").resolved());
    }

    @Test
    void normalisationReadsMarkerSignsPunctuationAndPlurals() {
        Map<String, String> cases = Map.of(
            "CD4+ T-cells", "cd4 positive t cell",
            "CD4-positive, alpha-beta T cell", "cd4 positive alpha beta t cell",
            "CD25- Naive", "cd25 negative naive",
            "Monocytes", "monocyte",
            "nucleus", "nucleus");
        cases.forEach((in, out) -> assertEquals(out, TermResolver.normalise(in), in));
    }
}

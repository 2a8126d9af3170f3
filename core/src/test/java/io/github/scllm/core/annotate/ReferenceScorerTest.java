package io.github.scllm.core.annotate;

import io.github.scllm.core.SharedTestData;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.ProgressListener;
import io.github.scllm.core.genes.MarkerGene;
import io.github.scllm.core.genes.MarkerGenes;
import io.github.scllm.core.genes.MarkerGroups;
import io.github.scllm.core.genes.MarkerOptions;
import io.github.scllm.core.genes.MarkerResult;
import io.github.scllm.core.genes.MarkerSource;
import io.github.scllm.core.genes.Normalization;
import io.github.scllm.core.io.AnnotationColumn;
import io.github.scllm.core.io.CellMatrixReader;
import io.github.scllm.core.io.CellMatrixReaders;
import io.github.scllm.core.io.MatrixChoice;
import io.github.scllm.core.io.ReadOptions;
import io.github.scllm.core.ontology.Ontology;
import io.github.scllm.core.ontology.TermResolver;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ReferenceScorerTest {

    private static Path data(String relative) {
        return SharedTestData.file(relative);
    }

    /** cell > lymphocyte > {T cell, B cell, NK cell}. */
    private static final Ontology TINY = Ontology.parse(new StringReader("""
        [Term]
        id: X:0
        name: cell

        [Term]
        id: X:1
        name: lymphocyte
        is_a: X:0

        [Term]
        id: X:2
        name: T cell
        is_a: X:1

        [Term]
        id: X:3
        name: B cell
        is_a: X:1

        [Term]
        id: X:4
        name: natural killer cell
        is_a: X:1
        """), "tiny.obo");

    private static List<String> universe() {
        List<String> genes = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            genes.add("G" + i);
        }
        genes.addAll(List.of("CD3E", "CD3D", "CD2", "MS4A1", "CD79A", "NKG7", "GNLY"));
        return genes;
    }

    private static ReferenceMarkers.Gene g(String symbol, boolean canonical) {
        return new ReferenceMarkers.Gene(symbol, canonical, canonical ? 1 : 0.5);
    }

    private static ReferenceScorer scorer(Map<String, List<ReferenceMarkers.Gene>> ref) {
        return new ReferenceScorer(ReferenceMarkers.of(ref), TINY, new TermResolver(TINY, null, null, 0.5),
            ReferenceOptions.DEFAULTS);
    }

    /** Markers with statistics: significant and up unless the symbol is listed as down. */
    private static List<MarkerGene> markers(List<String> symbols, Set<String> down) {
        List<MarkerGene> out = new ArrayList<>();
        for (String s : symbols) {
            boolean up = !down.contains(s);
            out.add(new MarkerGene("g", 0, s, out.size() + 1, up ? 10 : -10, 0, up ? 3 : -3, 1e-20, 1e-18, 0.9, 0.1,
                2, 0.2));
        }
        return out;
    }

    @Test
    void onPbmc68kTheImmuneGroupsGetTheirOntologyTypesWithGroundedEvidence() throws Exception {
        Ontology cl = Ontology.read(data("ontology/cl-basic_2022-12-15.obo"));
        ReferenceMarkers ref = ReferenceMarkers.readPanglao(data("markers/PanglaoDB_markers_27_Mar_2020.tsv"),
            "human", Set.of("Immune system", "Blood"));
        MarkerResult markers;
        String[] symbols;
        try (CellMatrixReader r = CellMatrixReaders.open(data("pbmc68k_reduced/pbmc68k_reduced.h5ad"),
            ReadOptions.DEFAULTS.withMatrix(MatrixChoice.RAW))) {
            symbols = r.summary().geneSymbols();
            AnnotationColumn col = r.summary().obs().column("bulk_labels").orElseThrow();
            String[] labels = new String[col.size()];
            Arrays.setAll(labels, col::text);
            markers = MarkerGenes.compute(MarkerSource.of(r, 500), symbols, MarkerGroups.fromLabels(labels),
                MarkerOptions.DEFAULTS.withNormalization(Normalization.NONE), CancellationToken.NONE,
                ProgressListener.NONE);
        }
        ReferenceScorer scorer = new ReferenceScorer(ref, cl, new TermResolver(cl, "CL:0000000", null, 0.5),
            ReferenceOptions.DEFAULTS);
        Map<String, GroupAnnotation> byGroup = new LinkedHashMap<>();
        for (GroupAnnotation a : scorer.annotateAll(markers, Arrays.asList(symbols))) {
            byGroup.put(a.group(), a);
            assertTrue(a.confidence() >= 0 && a.confidence() <= 1, a.toString());
            assertTrue(a.alternatives().size() <= 3);
            assertEquals(AnnotationMethod.REFERENCE, a.method());
            if (a.termId() != null) {
                assertFalse(a.evidence().isEmpty());
                assertEquals(a.evidence(), a.groundedEvidence(), "every evidence marker is grounded in the data");
            }
        }
        Map<String, String> expected = Map.of("CD19+ B", "CL:0000236", "CD14+ Monocyte", "CL:0000576",
            "CD56+ NK", "CL:0000623", "Dendritic", "CL:0000451");
        expected.forEach((group, type) -> {
            GroupAnnotation a = byGroup.get(group);
            assertTrue(a.termId() != null && (a.termId().equals(type) || cl.isAncestor(type, a.termId())),
                group + " should be " + cl.nameOf(type) + " or a subtype: " + a);
        });
        GroupAnnotation cd34 = byGroup.get("CD34+");
        assertEquals(AnnotationStatus.UNRESOLVED, cd34.status(), "no immune reference type fits progenitors");
        assertNull(cd34.termId());
        assertTrue(cd34.notes().stream().anyMatch(n -> n.contains("significantly")), cd34.notes().toString());
    }

    @Test
    void aTypeWhoseCanonicalMarkersAreAllAbsentIsRejected() {
        Map<String, List<ReferenceMarkers.Gene>> ref = new LinkedHashMap<>();
        ref.put("T cells", List.of(g("CD3E", true), g("CD3D", true), g("CD2", true), g("G1", false),
            g("G2", false), g("G3", false), g("G4", false), g("G5", false)));
        GroupAnnotation a = scorer(ref).annotate("g", markers(List.of("G1", "G2", "G3", "G4", "G5", "G9"), Set.of()),
            universe());
        assertEquals(AnnotationStatus.REJECTED, a.status(), a.toString());
        assertEquals("X:2", a.termId(), "the rejected term is still named");
        assertEquals(3, a.rejection().stream().filter(RejectionCriterion::met).count());
        assertTrue(a.rejection().get(0).description().contains("CD3E"), a.rejection().toString());
    }

    @Test
    void aReferenceLabelOutsideTheOntologyIsNotAsserted() {
        Map<String, List<ReferenceMarkers.Gene>> ref = new LinkedHashMap<>();
        ref.put("Nuocytes", List.of(g("G1", true), g("G2", true), g("G3", true), g("G4", false)));
        GroupAnnotation a = scorer(ref).annotate("g", markers(List.of("G1", "G2", "G3", "G4"), Set.of()),
            universe());
        assertEquals(AnnotationStatus.UNRESOLVED, a.status());
        assertNull(a.termId());
        assertEquals("Nuocytes", a.label());
        assertTrue(a.notes().stream().anyMatch(n -> n.contains("not an ontology term")), a.notes().toString());
    }

    @Test
    void downRegulatedMarkersAreNotEvidenceAndAbsentClaimsAreNotGrounded() {
        Map<String, List<ReferenceMarkers.Gene>> ref = new LinkedHashMap<>();
        ref.put("B cells", List.of(g("MS4A1", true), g("CD79A", true), g("G1", false), g("G2", false),
            g("G3", false)));
        List<MarkerGene> group = markers(List.of("MS4A1", "G1", "G2", "G3", "CD79A"), Set.of("CD79A"));
        GroupAnnotation a = scorer(ref).annotate("g", group, universe());
        assertEquals("X:3", a.termId(), a.toString());
        assertEquals(List.of("MS4A1", "G1", "G2", "G3"), a.evidence().stream().map(EvidenceMarker::gene).toList());
        Grounding grounding = new Grounding(group, 0.05);
        assertFalse(grounding.check("CD79A").grounded(), "listed but down-regulated");
        assertFalse(grounding.check("CD19").grounded(), "claimed but absent from the group's markers");
        assertEquals(0, grounding.check("CD19").groupRank());
        assertTrue(grounding.check("ms4a1").grounded(), "symbols compare case-insensitively");
    }

    @Test
    void siblingsWithEquallyStrongEvidenceRollUpToTheirCommonParent() {
        Map<String, List<ReferenceMarkers.Gene>> ref = new LinkedHashMap<>();
        ref.put("T cells", List.of(g("CD3E", true), g("G1", false), g("G2", false), g("G3", false)));
        ref.put("B cells", List.of(g("MS4A1", true), g("G4", false), g("G5", false), g("G6", false)));
        GroupAnnotation a = scorer(ref).annotate("g", markers(List.of("CD3E", "MS4A1", "G1", "G4", "G2", "G5",
            "G3", "G6"), Set.of()), universe());
        assertEquals(AnnotationStatus.ROLLED_UP, a.status(), a.toString());
        assertEquals("X:1", a.termId());
        assertEquals("lymphocyte", a.termName());
        assertEquals("T cells", a.label(), "the label before the roll-up is kept");
        assertEquals("B cells", a.alternatives().get(0).label());
    }

    @Test
    void aGroupWithoutSignificantUpRegulatedMarkersIsUnresolved() {
        Map<String, List<ReferenceMarkers.Gene>> ref = Map.of("T cells", List.of(g("CD3E", true)));
        GroupAnnotation a = scorer(ref).annotate("g", markers(List.of("CD3E"), Set.of("CD3E")), universe());
        assertEquals(AnnotationStatus.UNRESOLVED, a.status());
        assertTrue(a.notes().get(0).contains("no significant up-regulated marker"));
    }

    @Test
    void panglaoFiltersBySpeciesAndOrganAndNamesTheOrgansWhenNothingIsLeft() {
        Path file = data("markers/PanglaoDB_markers_27_Mar_2020.tsv");
        ReferenceMarkers lung = ReferenceMarkers.readPanglao(file, "mouse", Set.of("lungs"));
        assertTrue(lung.cellTypes().contains("Pulmonary alveolar type II cells"), lung.cellTypes().toString());
        assertFalse(lung.cellTypes().contains("B cells"));
        assertTrue(lung.markers("Pulmonary alveolar type II cells").stream()
            .anyMatch(m -> m.symbol().equals("SFTPC")));
        var e = org.junit.jupiter.api.Assertions.assertThrows(io.github.scllm.core.InvalidInputException.class,
            () -> ReferenceMarkers.readPanglao(file, "human", Set.of("Moon")));
        assertTrue(e.getMessage().contains("Immune system"), e.getMessage());
    }
}

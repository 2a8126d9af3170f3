package io.github.scllm.core.annotate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.ProgressListener;
import io.github.scllm.core.SharedTestData;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class MarkerEvidenceScorerTest {
    /** cell > {lymphocyte > {T cell, B cell, NK cell}, monocyte}. */
    private static final Ontology SMALL = Ontology.parse(new StringReader("""
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
        name: NK cell
        is_a: X:1

        [Term]
        id: X:5
        name: monocyte
        is_a: X:0
        """), "small.obo");

    private static final List<String> HEADER = List.of("cell type", "marker", "negative", "tissue");

    private static List<List<String>> table(boolean negativeCd3eForB) {
        List<List<String>> rows = new ArrayList<>();
        for (String g : List.of("CD3E", "CD3D", "CD2")) {
            rows.add(List.of("T cell", g, "", "blood"));
        }
        for (String g : List.of("MS4A1", "CD79A", "CD19")) {
            rows.add(List.of("B cell", g, "", "blood"));
        }
        for (String g : List.of("NKG7", "GNLY", "CD2")) {
            rows.add(List.of("NK cell", g, "", "liver"));
        }
        for (String g : List.of("CD14", "LYZ", "FCN1")) {
            rows.add(List.of("monocyte", g, "", "blood"));
        }
        if (negativeCd3eForB) {
            rows.add(List.of("B cell", "CD3E", "true", "blood"));
        }
        return rows;
    }

    private static MarkerEvidenceScorer scorer(boolean negativeCd3eForB) {
        MarkerDatabase db = MarkerDatabase.fromTable("test", HEADER, table(negativeCd3eForB), null, Set.of());
        return new MarkerEvidenceScorer(List.of(db), SMALL, new TermResolver(SMALL, null, null, 1),
            MarkerEvidenceOptions.DEFAULTS.withRoot("X:0"));
    }

    private static GroupAnnotation call(MarkerEvidenceScorer s, String... genes) {
        return s.annotate("g", AnnotateGroups.plainList("g", List.of(genes)), CancellationToken.NONE);
    }

    @Test
    void theSimilarityIsTheHandComputedCosineAndAClearWinnerIsAccepted() {
        GroupAnnotation a = call(scorer(false), "CD3E", "CD3D");
        assertEquals(AnnotationStatus.ACCEPTED, a.status(), a.notes().toString());
        assertEquals("X:2", a.termId());
        // T: 3 markers of evidence 1 (saturated 0.5) with specificities ln 4, ln 4, ln 2 (CD2 is also an NK marker);
        // the group: weights 1 and 1/log2(3)
        double ln4 = Math.log(4);
        double typeNorm = 0.5 * Math.sqrt(2 * ln4 * ln4 + Math.log(2) * Math.log(2));
        double w2 = 1 / (Math.log(3) / Math.log(2));
        double cosine = 0.5 * ln4 * (1 + w2) / (typeNorm * Math.sqrt(1 + w2 * w2));
        assertTrue(a.notes().get(0).contains(String.format(java.util.Locale.ROOT, "similarity %.3f", cosine)),
            cosine + " " + a.notes());
        assertTrue(a.confidence() > 0.99, "the other types share nothing: " + a.confidence());
        assertEquals(List.of("CD3E", "CD3D"), a.evidence().stream().map(EvidenceMarker::gene).toList());
    }

    @Test
    void twoTiedSiblingsRollUpToTheirParentWithANote() {
        GroupAnnotation a = call(scorer(false), "CD2");
        assertEquals(AnnotationStatus.ROLLED_UP, a.status(), a.notes().toString());
        assertEquals("X:1", a.termId(), "T and NK cell hold about half each, lymphocyte nearly all");
        assertTrue(a.confidence() > 0.99);
        assertTrue(a.notes().stream().anyMatch(n -> n.startsWith("rolled up from") && n.contains("lymphocyte")),
            a.notes().toString());
    }

    @Test
    void theTissueBreaksTheTieTowardsTheTypeListedThere() {
        GroupAnnotation a = call(scorer(false).withTissue("Blood"), "CD2");
        assertEquals(AnnotationStatus.ACCEPTED, a.status(), a.notes().toString());
        assertEquals("X:2", a.termId());
        assertEquals(2 / 3.0, a.confidence(), 1e-3, "NK counts half outside its tissue");
    }

    @Test
    void aNegativeMarkerTurnsTheCall() {
        assertEquals("X:3", call(scorer(false), "MS4A1", "CD3E").termId());
        GroupAnnotation a = call(scorer(true), "MS4A1", "CD3E");
        assertEquals("X:2", a.termId(), "B cells are listed as lacking CD3E: " + a.notes());
    }

    @Test
    void onlyAGroupWithoutAnyKnownMarkerIsUnresolved() {
        GroupAnnotation a = call(scorer(false), "ACTB", "GAPDH");
        assertEquals(AnnotationStatus.UNRESOLVED, a.status());
        assertNull(a.termId());
        assertTrue(a.notes().get(0).contains("none of the group's 2 markers"), a.notes().toString());
    }

    @Test
    void onPbmc68kTheImmuneGroupsGetTheirTypesFromTwoDatabasesAtOnce() throws Exception {
        Ontology cl = Ontology.read(SharedTestData.file("ontology/cl-basic_2022-12-15.obo"));
        List<MarkerDatabase> dbs = List.of(
            MarkerDatabase.read(SharedTestData.file("markers/PanglaoDB_markers_27_Mar_2020.tsv"), "human",
                Set.of("Immune system", "Blood")),
            MarkerDatabase.read(SharedTestData.file("markers/cellmarker2_Cell_marker_All_normal.tsv.gz"), "human",
                Set.of("blood", "peripheral blood")));
        MarkerEvidenceScorer scorer = new MarkerEvidenceScorer(dbs, cl, new TermResolver(cl,
            ZeroShotOptions.ANIMAL_CELL_ROOT, null, 1), MarkerEvidenceOptions.DEFAULTS);
        MarkerResult markers;
        try (CellMatrixReader r = CellMatrixReaders.open(SharedTestData.file("pbmc68k_reduced/pbmc68k_reduced.h5ad"),
            ReadOptions.DEFAULTS.withMatrix(MatrixChoice.RAW))) {
            String[] symbols = r.summary().geneSymbols();
            AnnotationColumn col = r.summary().obs().column("bulk_labels").orElseThrow();
            String[] labels = new String[col.size()];
            Arrays.setAll(labels, col::text);
            markers = MarkerGenes.compute(MarkerSource.of(r, 500), symbols, MarkerGroups.fromLabels(labels),
                MarkerOptions.DEFAULTS.withNormalization(Normalization.NONE), CancellationToken.NONE,
                ProgressListener.NONE);
        }
        // "CD56+ NK" is left out: its 100 markers hold about as much T-cell as NK-cell evidence in these databases
        Map<String, String> expected = Map.of("CD19+ B", "CL:0000236", "CD14+ Monocyte", "CL:0000576",
            "Dendritic", "CL:0000451");
        for (GroupAnnotation a : AnnotateGroups.annotateAll(AnnotateGroups.groups(markers), scorer, ExpertRules.NONE,
            0.05, CancellationToken.NONE, ProgressListener.NONE)) {
            assertTrue(a.confidence() >= 0 && a.confidence() <= 1, a.toString());
            assertEquals(a.evidence(), a.groundedEvidence(), "every evidence marker is grounded in the data");
            String type = expected.get(a.group());
            if (type != null) {
                assertTrue(a.termId().equals(type) || cl.isAncestor(type, a.termId()), a.group() + " should be "
                    + cl.nameOf(type) + " or a subtype: " + a.termName() + " " + a.notes());
                assertFalse(a.evidence().isEmpty());
            }
        }
    }
}

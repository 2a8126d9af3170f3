package io.github.scllm.core.annotate;

import static io.github.scllm.core.annotate.Groups.DESCRIPTIONS;
import static io.github.scllm.core.annotate.Groups.TINY;
import static io.github.scllm.core.annotate.Groups.marker;
import static io.github.scllm.core.annotate.Groups.up;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.genes.MarkerGene;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ZeroShotScorerTest {
    private final BagOfWordsEmbedder embedder = new BagOfWordsEmbedder();

    private ZeroShotScorer scorer(ZeroShotOptions options) {
        return new ZeroShotScorer(TINY, embedder, s -> DESCRIPTIONS.get(s.toUpperCase()), options);
    }

    private static final ZeroShotOptions OPTIONS = ZeroShotOptions.DEFAULTS.withMinConfidence(0)
        .withRestrictTo(Set.of()).withTopMarkers(20);

    private static ZeroShotOptions rooted() {
        return new ZeroShotOptions("X:0", Set.of(), 20, MarkerWeight.SCORE, 0.05, 0.02, 0, 0.01);
    }

    @Test
    void groupOfThymusReceptorMarkersIsCalledTCellWithGroundedEvidence() {
        GroupAnnotation a = scorer(rooted()).annotate("c1", up("c1", "CD3E", "CD3D", "ACTB"), CancellationToken.NONE);
        assertEquals(AnnotationStatus.ACCEPTED, a.status(), a.notes().toString());
        assertEquals("X:2", a.termId());
        assertEquals("T cell", a.termName());
        assertEquals(AnnotationMethod.EMBEDDING, a.method());
        assertTrue(a.confidence() > 0.5 && a.confidence() <= 1, "confidence " + a.confidence());
        assertEquals(List.of("CD3E", "CD3D"), a.evidence().stream().map(EvidenceMarker::gene).toList());
        assertTrue(a.evidence().stream().allMatch(EvidenceMarker::grounded));
        assertEquals(3, a.alternatives().size());
        assertFalse(a.alternatives().stream().anyMatch(x -> x.termId().equals("X:9")), "obsolete term offered");
    }

    @Test
    void markersThatAreNotSignificantOrDownRegulatedDoNotShapeTheCall() {
        List<MarkerGene> markers = new ArrayList<>();
        markers.add(marker("c", "CD14", 1, 30, 4, 0.5));
        markers.add(marker("c", "LYZ", 2, -25, -3, 1e-20));
        markers.add(marker("c", "MS4A1", 3, 10, 2, 1e-8));
        markers.add(marker("c", "CD79A", 4, 8, 1.5, 1e-6));
        GroupAnnotation a = scorer(rooted()).annotate("c", markers, CancellationToken.NONE);
        assertEquals("X:3", a.termId(), a.notes().toString());
        assertTrue(a.notes().get(0).startsWith("group embedding from 2 markers"), a.notes().get(0));
    }

    @Test
    void logFoldChangeWeightingUsesOnlyPositiveFoldChanges() {
        List<MarkerGene> markers = List.of(marker("c", "CD14", 1, 30, 0, 1e-9), marker("c", "CD3E", 2, 5, 2, 1e-9));
        ZeroShotOptions byLfc = rooted().withWeight(MarkerWeight.LOG_FOLD_CHANGE);
        // CD14 has a fold change of 0: not grounded, so only CD3E speaks
        assertEquals("X:2", scorer(byLfc).annotate("c", markers, CancellationToken.NONE).termId());
    }

    @Test
    void closeSiblingsRollUpToTheirLowestCommonAncestorAndSaySo() {
        List<MarkerGene> mixed = up("m", "CD3E", "MS4A1", "CD3D", "CD79A");
        ZeroShotOptions wideMargin = new ZeroShotOptions("X:0", Set.of(), 20, MarkerWeight.SCORE, 0.05, 0.02, 0, 1);
        GroupAnnotation a = scorer(wideMargin).annotate("m", mixed, CancellationToken.NONE);
        assertEquals(AnnotationStatus.ROLLED_UP, a.status());
        assertEquals("X:1", a.termId());
        assertEquals("lymphocyte", a.termName());
        assertTrue(a.notes().stream().anyMatch(n -> n.contains("rolled up from") && n.contains("siblings")),
            a.notes().toString());
    }

    @Test
    void lowConfidenceRollsUp() {
        ZeroShotOptions strict = new ZeroShotOptions("X:0", Set.of(), 20, MarkerWeight.SCORE, 0.05, 10, 0.9, 0);
        GroupAnnotation a = scorer(strict).annotate("c1", up("c1", "CD3E", "CD3D"), CancellationToken.NONE);
        assertEquals(AnnotationStatus.ROLLED_UP, a.status());
        assertTrue(a.confidence() < 0.9);
        assertTrue(a.notes().stream().anyMatch(n -> n.contains("below 0.90")), a.notes().toString());
    }

    @Test
    void groupWithoutSignificantMarkersIsUnresolved() {
        GroupAnnotation a = scorer(rooted()).annotate("z", List.of(marker("z", "CD3E", 1, 5, 2, 0.3)),
            CancellationToken.NONE);
        assertEquals(AnnotationStatus.UNRESOLVED, a.status());
        assertNull(a.termId());
        assertFalse(a.hasConfidence(), "an unresolved call carries no confidence");
    }

    @Test
    void plainGeneListsAreWeightedByRank() {
        GroupAnnotation a = scorer(rooted()).annotate("p", AnnotateGroups.plainList("p", List.of("CD14", "LYZ",
            "CD3E")), CancellationToken.NONE);
        assertEquals("X:4", a.termId());
        assertTrue(a.notes().get(0).contains("rank"), a.notes().get(0));
    }

    @Test
    void restrictionKeepsOnlyTheChosenBranch() {
        ZeroShotOptions onlyMonocytes = new ZeroShotOptions("X:0", Set.of("X:4"), 20, MarkerWeight.SCORE, 0.05, 0.02,
            0, 0.01);
        ZeroShotScorer s = scorer(onlyMonocytes);
        assertEquals(1, s.candidateCount());
        assertEquals("X:4", s.annotate("c1", up("c1", "CD3E"), CancellationToken.NONE).termId());
        ZeroShotOptions outside = new ZeroShotOptions("X:1", Set.of("X:4"), 20, MarkerWeight.SCORE, 0.05, 0.02, 0,
            0.01);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> scorer(outside));
        assertTrue(e.getMessage().contains("X:4"), e.getMessage());
    }

    @Test
    void termTextsAreEmbeddedOnceForAllGroups() {
        ZeroShotScorer s = scorer(rooted());
        s.annotate("a", up("a", "CD3E"), CancellationToken.NONE);
        int afterFirst = embedder.texts.get();
        s.annotate("b", up("b", "CD3E"), CancellationToken.NONE);
        assertEquals(afterFirst, embedder.texts.get(), "term or gene texts embedded again");
        assertEquals(6 + 1, afterFirst, "six live terms and one gene description");
    }

    @Test
    void optionsRejectOutOfRangeValues() {
        assertThrows(InvalidInputException.class, () -> OPTIONS.withTopMarkers(0));
        assertThrows(InvalidInputException.class, () -> new ZeroShotOptions("X:0", Set.of(), 5, MarkerWeight.SCORE,
            0.05, 0, 0.2, 0.01));
        assertThrows(InvalidInputException.class, () -> new ZeroShotOptions(" ", Set.of(), 5, MarkerWeight.SCORE,
            0.05, 0.02, 0.2, 0.01));
    }
}

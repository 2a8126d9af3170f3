package io.github.scllm.core.annotate;

import static io.github.scllm.core.annotate.Groups.DESCRIPTIONS;
import static io.github.scllm.core.annotate.Groups.TINY;
import static io.github.scllm.core.annotate.Groups.up;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.ProgressListener;
import io.github.scllm.core.genes.MarkerGene;
import io.github.scllm.core.ontology.TermResolver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExpertRulesTest {
    private static final TermResolver RESOLVER = new TermResolver(TINY, null, null, 1);
    private final ZeroShotScorer scorer = new ZeroShotScorer(TINY, new BagOfWordsEmbedder(),
        s -> DESCRIPTIONS.get(s.toUpperCase()), new ZeroShotOptions("X:0", Set.of(), 20, MarkerWeight.SCORE, 0.05,
        0.02, 0, 0.01));

    private GroupAnnotation run(List<MarkerGene> markers, ExpertRule... rules) {
        ExpertRules resolved = ExpertRules.resolve(List.of(rules), TINY, RESOLVER);
        return AnnotateGroups.annotate("g", markers, scorer, resolved, 0.05, CancellationToken.NONE);
    }

    @Test
    void anExpressedExcludingMarkerRejectsTheCall() {
        GroupAnnotation a = run(up("g", "CD3E", "CD3D", "CD14"), new ExpertRule("T cell", List.of(),
            List.of("CD14"), "monocyte doublets"));
        assertEquals(AnnotationStatus.REJECTED, a.status());
        assertEquals("X:2", a.termId(), "the rejected term is still reported");
        RejectionCriterion c = a.rejection().get(0);
        assertTrue(c.met());
        assertEquals("CD14", c.gene());
        assertTrue(a.notes().stream().anyMatch(n -> n.startsWith("rejected by expert rules")), a.notes().toString());
    }

    @Test
    void aMissingRequiredMarkerRejectsTheCallAndAPresentOneKeepsIt() {
        GroupAnnotation missing = run(up("g", "CD3E", "CD3D"), new ExpertRule("X:2", List.of("CD3G"), List.of(),
            ""));
        assertEquals(AnnotationStatus.REJECTED, missing.status());
        GroupAnnotation present = run(up("g", "CD3E", "CD3D"), new ExpertRule("X:2", List.of("cd3d"), List.of("CD19"),
            ""));
        assertEquals(AnnotationStatus.ACCEPTED, present.status());
        assertEquals(2, present.rejection().size());
        assertTrue(present.rejection().stream().noneMatch(RejectionCriterion::met));
    }

    @Test
    void aRuleOnAnAncestorBindsTheCallButARuleOnAnotherBranchDoesNot() {
        GroupAnnotation a = run(up("g", "CD3E", "CD3D"), new ExpertRule("lymphocyte", List.of("PTPRC"), List.of(),
            ""), new ExpertRule("monocyte", List.of("CD14"), List.of(), ""));
        assertEquals(AnnotationStatus.REJECTED, a.status());
        assertEquals(1, a.rejection().size());
        assertTrue(a.rejection().get(0).description().contains("PTPRC"));
    }

    @Test
    void aRuleWhoseCellTypeIsNotATermIsRefused() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ExpertRules.resolve(List.of(
            new ExpertRule("dragon cell", List.of("FIRE1"), List.of(), "")), TINY, RESOLVER));
        assertTrue(e.getMessage().contains("Expert rule 1") && e.getMessage().contains("dragon cell"),
            e.getMessage());
    }

    @Test
    void unresolvedCallsAreLeftAlone() {
        GroupAnnotation a = run(List.of(Groups.marker("g", "CD3E", 1, 2, 1, 0.9)), new ExpertRule("cell",
            List.of("PTPRC"), List.of(), ""));
        assertEquals(AnnotationStatus.UNRESOLVED, a.status());
        assertTrue(a.rejection().isEmpty());
    }

    @Test
    void rulesAreReadFromCsvWithQuotedMarkerLists(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("rules.csv");
        Files.writeString(file, """
            Cell type,Required markers,Excluding markers,Notes
            T cell,"CD3E, CD3D",CD19,"classic ""pan-T"" markers"
            # a comment
            CL:0000236,,CD3E,
            """);
        List<ExpertRule> rules = ExpertRules.read(file);
        assertEquals(2, rules.size());
        assertEquals(List.of("CD3E", "CD3D"), rules.get(0).required());
        assertEquals("classic \"pan-T\" markers", rules.get(0).notes());
        assertEquals(List.of("CD3E"), rules.get(1).excluding());
        Path bad = dir.resolve("bad.tsv");
        Files.writeString(bad, "cell type\tnotes\nT cell\tx\n");
        assertThrows(InvalidInputException.class, () -> ExpertRules.read(bad));
        Path empty = dir.resolve("empty.tsv");
        Files.writeString(empty, "cell type\trequired markers\nT cell\t\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ExpertRules.read(empty));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void markerTablesAsTheMarkersCommandWritesThemAreReadBack(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("markers.tsv");
        Files.writeString(file, "group\trank\tgene\tscore\tlogfoldchange\tpvalue\tpvalue_adj\tpct_in\tpct_out\t"
            + "mean_in\tmean_out\n"
            + "b\t2\tCD79A\t8.0\t1.5\t1e-7\t1e-6\t0.9\t0.1\t2\t0.1\n"
            + "b\t1\tMS4A1\t10.0\t2.0\t1e-9\t1e-8\t0.9\t0.1\t2\t0.1\n"
            + "t\t1\tCD3E\t12.0\tnan\t1e-9\t1e-8\t0.9\t0.1\t2\t0.1\n");
        Map<String, List<MarkerGene>> groups = AnnotateGroups.readMarkerTable(file);
        assertEquals(List.of("b", "t"), List.copyOf(groups.keySet()));
        assertEquals("MS4A1", groups.get("b").get(0).symbol());
        assertEquals(1e-8, groups.get("b").get(0).adjustedPValue());
        assertTrue(Double.isNaN(groups.get("t").get(0).logFoldChange()));
        List<GroupAnnotation> all = AnnotateGroups.annotateAll(new LinkedHashMap<>(groups), scorer, ExpertRules.NONE,
            0.05, CancellationToken.NONE, ProgressListener.NONE);
        assertEquals("X:3", all.get(0).termId());
        Files.writeString(file, "group\tgene\tscore\nb\tMS4A1\thigh\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> AnnotateGroups.readMarkerTable(
            file));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("'score'"), e.getMessage());
    }
}

package io.github.scllm.core.annotate;

import static io.github.scllm.core.annotate.Groups.DESCRIPTIONS;
import static io.github.scllm.core.annotate.Groups.TINY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.ProgressListener;
import io.github.scllm.core.ontology.OntologyMetrics;
import io.github.scllm.core.ontology.TermResolver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnnotationBenchmarkTest {

    @Test
    void casesAreReadFromTheCassiaLayoutAndScoredOnlyWhenTheTruthResolves(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("bench.csv");
        Files.writeString(csv, "\uFEFFTrue Cell Type,Marker List,Tissue,Species,Dataset\n"
            + "T lymphocyte,\"CD3E, CD3D\",blood,Human,A\n"
            + "B cell,\"CD14, LYZ\",blood,Human,A\n"
            + "Dragon cell,\"CD3E\",cave,Mouse Atlas,B\n");
        List<AnnotationBenchmark.Case> cases = AnnotationBenchmark.read(csv);
        assertEquals(3, cases.size());
        assertEquals(List.of("CD3E", "CD3D"), cases.get(0).markers());
        assertEquals("Mouse Atlas", cases.get(2).species());
        ZeroShotScorer scorer = new ZeroShotScorer(TINY, new BagOfWordsEmbedder(), s -> DESCRIPTIONS.get(s),
            new ZeroShotOptions("X:0", Set.of(), 20, MarkerWeight.SCORE, 0.05, 0.02, 0, 0.01));
        TermResolver truth = new TermResolver(TINY, null, null, 1);
        AnnotationBenchmark.Summary s = AnnotationBenchmark.run(cases, c -> scorer, ExpertRules.NONE,
            c -> truth.resolve(c.truth()), new OntologyMetrics(TINY, "X:0", List.of()), "X:0", CancellationToken.NONE,
            ProgressListener.NONE);
        assertEquals(2, s.scored());
        assertEquals(0.5, s.overall().method().ontologyScore(), 1e-12, "T cell right, monocyte for B cell wrong");
        assertEquals(0.5, s.overall().method().exactMatchRate(), 1e-12);
        assertEquals(0, s.overall().root().hierarchicalF1());
        assertEquals(List.of("A"), List.copyOf(s.byGroup().keySet()), "the unscored row of dataset B is left out");
        assertTrue(Double.isNaN(s.outcomes().get(2).score()));
        Files.writeString(csv, "Cell,Markers\nT cell,CD3E\n");
        assertThrows(InvalidInputException.class, () -> AnnotationBenchmark.read(csv));
    }
}

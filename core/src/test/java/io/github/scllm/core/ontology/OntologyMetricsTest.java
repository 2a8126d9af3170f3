package io.github.scllm.core.ontology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class OntologyMetricsTest {
    /** cell > animal cell > {leukocyte > {T cell, B cell}, epithelial cell > {hepatocyte, endothelial cell}}. */
    private static final Ontology SMALL = Ontology.parse(new StringReader("""
        [Term]
        id: X:0
        name: cell

        [Term]
        id: X:1
        name: animal cell
        is_a: X:0

        [Term]
        id: X:2
        name: leukocyte
        is_a: X:1

        [Term]
        id: X:3
        name: T cell
        is_a: X:2

        [Term]
        id: X:4
        name: B cell
        is_a: X:2

        [Term]
        id: X:5
        name: epithelial cell
        is_a: X:1

        [Term]
        id: X:6
        name: hepatocyte
        is_a: X:5

        [Term]
        id: X:7
        name: endothelial cell
        is_a: X:5
        """), "small");

    private static final OntologyMetrics METRICS = new OntologyMetrics(SMALL, "X:1", List.of("X:2", "X:5", "X:7"));

    @Test
    void ancestorSetsLeaveOutTheBoundaryAndEverythingAboveIt() {
        assertEquals(Set.of("X:3", "X:2"), METRICS.ancestorSet("X:3"));
        assertEquals(Set.of(), METRICS.ancestorSet("X:1"));
        assertEquals(Set.of(), METRICS.ancestorSet("X:0"));
        assertEquals(Set.of("X:7"), METRICS.broadTypesOf("X:7"), "the most specific broad type wins");
        assertEquals(Set.of("X:5"), METRICS.broadTypesOf("X:6"));
        assertEquals(Set.of(), METRICS.broadTypesOf("X:1"));
    }

    @Test
    void figuresAreTheHandComputedOnes() {
        // rows: T→T (sets {3,2} vs {3,2}), B→leukocyte ({2} vs {4,2}), hepatocyte→none, T→B ({4,2} vs {3,2})
        List<String> truths = List.of("X:3", "X:4", "X:6", "X:3");
        List<String> predictions = Arrays.asList("X:3", "X:2", null, "X:4");
        OntologyMetrics.Figures f = METRICS.score(truths, predictions);
        assertEquals(4, f.rows());
        assertEquals(0.25, f.exactMatchRate(), 1e-12);
        assertEquals(4 / 5.0, f.hierarchicalPrecision(), 1e-12);
        assertEquals(4 / 8.0, f.hierarchicalRecall(), 1e-12);
        assertEquals(2 * 0.8 * 0.5 / 1.3, f.hierarchicalF1(), 1e-12);
        assertEquals(0.75, f.broadTypeMatchRate(), 1e-12, "leukocyte shares B cell's broad type, T vs B too");
        assertEquals(4, f.broadRows());
        assertEquals(0.75, f.coverage(), 1e-12);
        assertEquals((1 + 0.5 + 0 + 0) / 4, f.ontologyScore(), 1e-12);
    }

    @Test
    void theRootEarnsNothingExceptInTheOldScoreAndTheMostFrequentTermIsTheOtherBaseline() {
        List<String> truths = List.of("X:3", "X:4", "X:6", "X:3");
        OntologyMetrics.Comparison c = METRICS.compare(truths, Arrays.asList("X:3", "X:2", null, "X:4"), "X:1");
        assertEquals(0, c.root().hierarchicalF1());
        assertEquals(0, c.root().exactMatchRate());
        assertEquals(0, c.root().broadTypeMatchRate());
        assertEquals(1, c.root().coverage());
        assertEquals(0.5, c.root().ontologyScore(), 1e-12, "the old score pays half for the root on every row");
        assertEquals("X:3", c.mostFrequentId());
        assertEquals(0.5, c.mostFrequent().exactMatchRate(), 1e-12);
        // T cell everywhere: 2 + 1 + 0 + 2 shared of 8 asserted and 8 true
        assertEquals(5 / 8.0, c.mostFrequent().hierarchicalPrecision(), 1e-12);
        assertEquals(5 / 8.0, c.mostFrequent().hierarchicalF1(), 1e-12);
        Map<String, OntologyMetrics.Comparison> byGroup = METRICS.compareByGroup(List.of("a", "a", "b", "b"), truths,
            Arrays.asList("X:3", "X:2", null, "X:4"), "X:1");
        assertEquals(List.of("a", "b"), List.copyOf(byGroup.keySet()));
        assertEquals(0.5, byGroup.get("a").method().exactMatchRate(), 1e-12);
        assertEquals(1.0, byGroup.get("a").method().hierarchicalPrecision(), 1e-12);
        assertEquals(0.5, byGroup.get("b").method().coverage(), 1e-12);
    }

    @Test
    void onTheCellOntologyAnimalCellAndAboveEarnNothingAndBroadTypesAreTheCompartments() {
        Ontology cl = TestData.cellOntology();
        OntologyMetrics m = new OntologyMetrics(cl, OntologyMetrics.ANIMAL_CELL, OntologyMetrics.defaultBroadTypes(cl));
        assertEquals(OntologyMetrics.DEFAULT_BROAD_TYPES, m.broadTypes());
        Set<String> bCell = m.ancestorSet("CL:0000236");
        assertTrue(bCell.containsAll(List.of("CL:0000236", "CL:0000542", "CL:0000738", "CL:0000988")), bCell.toString());
        for (String above : List.of("CL:0000548", "CL:0000255", "CL:0000003", "CL:0000000")) {
            assertFalse(bCell.contains(above), above);
            assertEquals(Set.of(), m.ancestorSet(above), above);
        }
        assertEquals(Set.of("CL:0000988"), m.broadTypesOf("CL:0000236"));
        assertEquals(Set.of("CL:0000115"), m.broadTypesOf("CL:0000115"), "endothelial, not epithelial");
        assertEquals(Set.of("CL:0000066"), m.broadTypesOf("CL:0000182"), "hepatocyte");
        assertEquals(Set.of("CL:0002320"), m.broadTypesOf("CL:0000057"), "fibroblast");
        // a fungal term shares nothing with an animal cell type
        OntologyMetrics.Figures fungal = m.score(List.of("CL:0000236"), List.of("CL:0000521"));
        assertEquals(0, fungal.hierarchicalPrecision());
        OntologyMetrics.Comparison c = m.compare(List.of("CL:0000236", "CL:0000084", "CL:0000084"),
            List.of("CL:0000084", "CL:0000084", "CL:0000000"), "CL:0000548");
        assertEquals(0, c.root().hierarchicalF1());
        assertEquals("CL:0000084", c.mostFrequentId());
        assertEquals(1 / 3.0, c.method().exactMatchRate(), 1e-12);
        assertEquals(2 / 3.0, c.method().broadTypeMatchRate(), 1e-12, "the third row answers 'cell'");
    }
}

package io.github.scllm.core.ontology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scllm.core.InvalidInputException;

import java.io.StringReader;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class OntologyTest {

    private static Ontology parse(String text) {
        return Ontology.parse(new StringReader(text), "test.obo");
    }

    @Test
    void theCellOntologyReleaseHasItsKnownTermsObsoletesAndVersion() {
        Ontology cl = TestData.cellOntology();
        assertEquals(2804, cl.size());
        assertEquals(160, cl.terms().stream().filter(OntologyTerm::obsolete).count());
        assertEquals("cl/releases/2022-12-15/cl-basic.owl", cl.dataVersion());
        assertEquals("cl/cl-basic", cl.name());
        OntologyTerm cd4 = cl.require("CL:0000624");
        assertEquals("CD4-positive, alpha-beta T cell", cd4.name());
        assertTrue(cd4.definition().startsWith("A mature alpha-beta T cell that expresses"), cd4.definition());
        assertEquals(List.of("CL:0000791"), cd4.isA());
        assertEquals(3, cd4.synonyms().size());
        assertEquals(new Synonym("CD4-positive, alpha-beta T-cell", Synonym.Scope.EXACT, ""), cd4.synonyms().get(1));
        assertEquals(List.of("NCBITaxon:9606"), cd4.relations().get("present_in_taxon"));
    }

    @Test
    void ancestorsOfCd4AlphaBetaTCellRunThroughTCellLymphocyteAndLeukocyteToCell() {
        Ontology cl = TestData.cellOntology();
        Set<String> up = cl.ancestors("CL:0000624");
        for (String id : List.of("CL:0000791", "CL:0000789", "CL:0000084", "CL:0000542", "CL:0000738",
            "CL:0000000")) {
            assertTrue(up.contains(id), id + " (" + cl.nameOf(id) + ") missing from " + up);
        }
        assertFalse(up.contains("CL:0000624"), "a term is not its own ancestor");
        assertTrue(cl.isAncestor("CL:0000084", "CL:0000624"));
        assertFalse(cl.isAncestor("CL:0000624", "CL:0000084"));
        assertTrue(cl.descendants("CL:0000084").contains("CL:0000624"));
        assertFalse(cl.descendants("CL:0000236").contains("CL:0000624"), "a T cell is no B cell");
    }

    @Test
    void lowestCommonAncestorOfCd4AndCd8AlphaBetaTCellsIsMatureAlphaBetaTCell() {
        Ontology cl = TestData.cellOntology();
        assertEquals(List.of("CL:0000791"), cl.lowestCommonAncestors("CL:0000624", "CL:0000625"));
        assertEquals(List.of("CL:0000084"), cl.lowestCommonAncestors("CL:0000624", "CL:0000084"),
            "an ancestor of the other is the lowest common ancestor");
        List<String> lca = cl.lowestCommonAncestors("CL:0000624", "CL:0000236");
        assertFalse(lca.isEmpty());
        for (String id : lca) {
            assertTrue(cl.isAncestor(id, "CL:0000624") && cl.isAncestor(id, "CL:0000236"));
            assertTrue(cl.isAncestor("CL:0000542", "CL:0000236"), "B cell is a lymphocyte");
        }
        assertTrue(lca.contains("CL:0000542") || lca.stream().anyMatch(id -> cl.isAncestor("CL:0000542", id)),
            "T and B cells meet at lymphocyte or below: " + lca);
    }

    @Test
    void obsoleteTermsKeepTheirReplacementsAndAlternativeIdsResolve() {
        Ontology cl = TestData.cellOntology();
        OntologyTerm replaced = cl.require("CL:0000375");
        assertTrue(replaced.obsolete());
        assertEquals(List.of("CL:0007010"), replaced.replacedBy());
        assertEquals(List.of("CL:0000000", "CL:0000003", "CL:0001034"), cl.require("CL:0000004").consider());
        assertEquals("CL:0000009", cl.require("CL:0000274").id(), "alt_id CL:0000274 denotes CL:0000009");
    }

    @Test
    void partOfEdgesCountInTheDefaultHierarchyButNotInIsAOnly() {
        Ontology o = parse("""
            format-version: 1.2

            [Term]
            id: X:1
            name: organism cell

            [Term]
            id: X:2
            name: compartment
            relationship: part_of X:1 ! organism cell

            [Term]
            id: X:3
            name: sub compartment
            def: "A part, \\"quoted\\"." [ref:1]
            synonym: "subcompartments" RELATED PLURAL [ref:2]
            is_a: X:2 {is_inferred="true"} ! compartment

            [Typedef]
            id: part_of
            name: part of
            """);
        assertEquals(Set.of("X:2", "X:1"), o.ancestors("X:3"));
        assertEquals(Set.of("X:2"), o.ancestors("X:3", Hierarchy.IS_A));
        assertEquals(List.of("X:1"), o.require("X:2").partOf());
        assertEquals("A part, \"quoted\".", o.require("X:3").definition());
        assertEquals(new Synonym("subcompartments", Synonym.Scope.RELATED, "PLURAL"), o.require("X:3").synonyms()
            .get(0));
        assertEquals(3, o.size(), "the Typedef stanza is not a term");
    }

    @Test
    void malformedFilesFailWithTheFileAndLine() {
        InvalidInputException none = assertThrows(InvalidInputException.class, () -> parse("format-version: 1.2\n"));
        assertTrue(none.getMessage().contains("no [Term]"), none.getMessage());
        InvalidInputException open = assertThrows(InvalidInputException.class,
            () -> parse("[Term]\nid: X:1\nname: a\ndef: \"never closed [x]\n"));
        assertTrue(open.getMessage().contains("test.obo, line 4"), open.getMessage());
        InvalidInputException twice = assertThrows(InvalidInputException.class,
            () -> parse("[Term]\nid: X:1\n\n[Term]\nid: X:1\n"));
        assertTrue(twice.getMessage().contains("X:1") && twice.getMessage().contains("line 1"), twice.getMessage());
        InvalidInputException unknown = assertThrows(InvalidInputException.class,
            () -> parse("[Term]\nid: X:1\n").ancestors("X:9"));
        assertTrue(unknown.getMessage().contains("X:9"), unknown.getMessage());
    }
}

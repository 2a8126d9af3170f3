package io.github.scllm.core.annotate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scllm.core.InvalidInputException;
import io.github.scllm.core.SharedTestData;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkerDatabaseTest {

    /** Row counts, CL types and negative markers as the data's SOURCES.md states them. */
    @Test
    void theAccordionIsRecognisedAndReadInFull() {
        MarkerDatabase all = MarkerDatabase.read(SharedTestData.file("markers/accordion_marker.tsv.gz"), null,
            Set.of());
        assertEquals(MarkerDatabase.Format.ACCORDION, all.format());
        assertEquals(190_905, all.entries().size());
        assertEquals(830, all.entries().stream().map(MarkerDatabase.Entry::termId).distinct().count());
        assertEquals(1_278, all.entries().stream().filter(MarkerDatabase.Entry::negative).count());
        MarkerDatabase.Entry first = all.entries().get(0);
        assertEquals("CL:0000625", first.termId());
        assertEquals("B3GAT1", first.gene());
        assertEquals(2, first.evidence(), "ECs_global");
        assertEquals("UBERON:0006524", first.uberonId());
        MarkerDatabase blood = MarkerDatabase.read(SharedTestData.file("markers/accordion_marker.tsv.gz"), "human",
            Set.of("UBERON:0000178"));
        assertTrue(blood.entries().stream().allMatch(e -> e.uberonId().equals("UBERON:0000178")));
        assertTrue(blood.entries().stream().anyMatch(e -> e.termId().equals("CL:0000576") && e.gene().equals("CD14")));
    }

    @Test
    void cellMarkerIsRecognisedWithItsOntologyIdsAndSpecies() {
        Path file = SharedTestData.file("markers/cellmarker2_Cell_marker_All_normal.tsv.gz");
        MarkerDatabase all = MarkerDatabase.read(file, null, Set.of());
        assertEquals(MarkerDatabase.Format.CELLMARKER2, all.format());
        assertEquals(80_966, all.entries().size(), "80,967 rows, one of them without a marker");
        assertEquals(434, all.entries().stream().map(MarkerDatabase.Entry::termId).filter(id -> id != null)
            .distinct().count());
        MarkerDatabase.Entry first = all.entries().get(0);
        assertEquals(List.of("Macrophage", "CL:0000235", "MERTK", "abdomen", "UBERON:0000916"), List.of(
            first.label(), first.termId(), first.gene(), first.tissue(), first.uberonId()));
        MarkerDatabase kidney = MarkerDatabase.read(file, "human", Set.of("kidney"));
        Set<String> tissues = kidney.entries().stream().map(MarkerDatabase.Entry::tissue).collect(Collectors.toSet());
        assertTrue(tissues.contains("kidney") && tissues.stream().allMatch(t -> t.contains("kidney")), tissues
            .toString());
    }

    @Test
    void panglaoDbIsRecognisedAndItsWeightsFollowCanonicalAndUbiquity() {
        MarkerDatabase p = MarkerDatabase.read(SharedTestData.file("markers/PanglaoDB_markers_27_Mar_2020.tsv"),
            "human", Set.of());
        assertEquals(MarkerDatabase.Format.PANGLAODB, p.format());
        assertEquals(7_851, p.entries().size(), "rows whose species lists Hs");
        MarkerDatabase.Entry ctrb1 = p.entries().get(0);
        assertEquals("CTRB1", ctrb1.gene());
        assertEquals(1 - 0.017, ctrb1.evidence(), 1e-12, "canonical, ubiquitousness 0.017");
        assertEquals("pancreas", ctrb1.tissue());
    }

    @Test
    void aPlainTableTakesNamesOrIdsWeightsAndNegativeMarkers(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("plain.tsv");
        Files.writeString(f, "cell type\tmarker\tweight\tnegative\ttissue\nT cell\tcd3e\t2\t\tblood\n"
            + "CL_0000236\tMS4A1\t\t\tblood\nCL:0000236\tCD3E\t1\ttrue\tlymph node\n");
        MarkerDatabase db = MarkerDatabase.read(f, null, Set.of());
        assertEquals(MarkerDatabase.Format.PLAIN, db.format());
        assertEquals(new MarkerDatabase.Entry("T cell", null, "CD3E", 2, false, "blood", ""), db.entries().get(0));
        assertEquals("CL:0000236", db.entries().get(1).termId());
        assertEquals(1, db.entries().get(1).evidence(), "missing weight counts 1");
        assertTrue(db.entries().get(2).negative());
        assertEquals(2, MarkerDatabase.read(f, null, Set.of("Blood")).entries().size());
        InvalidInputException none = assertThrows(InvalidInputException.class, () -> MarkerDatabase.read(f, null,
            Set.of("liver")));
        assertTrue(none.getMessage().contains("lymph node"), none.getMessage());
        Files.writeString(f, "type\tgene\nT\tCD3E\n");
        InvalidInputException layout = assertThrows(InvalidInputException.class, () -> MarkerDatabase.read(f, null,
            Set.of()));
        assertTrue(layout.getMessage().contains("CellMarker 2.0"), layout.getMessage());
    }
}

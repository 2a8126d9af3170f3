package io.github.scllm.core.genes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;

/** The genes of the real mouse lung and human PBMC sets are recognised as mouse and human. */
class OrganismMismatchTest {

    /** @return the values of one column of a gzip text file, header skipped */
    private static List<String> column(String file, String separator, int column) throws Exception {
        List<String> out = new ArrayList<>();
        Path p = TestData.file(file);
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(p)),
            StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                out.add(line.split(separator, -1)[column].replace("\"", ""));
            }
        }
        return out;
    }

    @Test
    void mouseGenesDescribedAsHumanAreCaughtAndNameTheSetting() throws Exception {
        List<String> mouse = column("mouse_lung_aec2/matrix.csv.gz", ",", 0);
        mouse = mouse.subList(1, mouse.size());
        Optional<OrganismMismatch> m = OrganismMismatch.check(mouse, Organism.HUMAN);
        assertTrue(m.isPresent());
        assertEquals(Organism.MOUSE, m.get().likely());
        System.out.println("mouse lung genes checked as human: " + m.get().message("--organism %s"));
        assertTrue(m.get().message("--organism %s").contains("set --organism mouse"), m.get().message("--organism %s"));
        assertTrue(OrganismMismatch.check(mouse, Organism.MOUSE).isEmpty());
    }

    @Test
    void humanGenesDescribedAsMouseAreCaughtAndHumanGenesAsHumanPass() throws Exception {
        List<String> human = column("pbmc68k_reduced/counts_10x_mtx/features.tsv.gz", "\t", 1);
        assertTrue(OrganismMismatch.check(human, Organism.HUMAN).isEmpty());
        Optional<OrganismMismatch> m = OrganismMismatch.check(human, Organism.MOUSE);
        assertTrue(m.isPresent());
        assertTrue(m.get().message("the Organism option to %s").contains("set the Organism option to human"),
            m.get().message("the Organism option to %s"));
        // other organisms have no shipped list: nothing is claimed
        assertTrue(OrganismMismatch.check(human, 10116).isEmpty());
    }
}

package io.github.scllm.core.genes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.scllm.core.CancellationToken;
import io.github.scllm.core.ProgressListener;
import io.github.scllm.core.io.CellMatrixReader;
import io.github.scllm.core.io.CellMatrixReaders;
import io.github.scllm.core.io.ReadOptions;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The description table shipped with the demo data set describes every gene of the demo h5ad, so the demo runs
 * without NCBI. Both files are read from the repository, relative to the core module.
 */
class DemoDescriptionsTest {
    private static final Path DEMO = Path.of("..", "demo");
    private static final Path TABLE = DEMO.resolve("pbmc_demo_descriptions.tsv");

    private static String[] demoGenes() {
        try (CellMatrixReader r = CellMatrixReaders.open(DEMO.resolve("pbmc_demo.h5ad"), ReadOptions.DEFAULTS)) {
            return r.summary().geneSymbols();
        }
    }

    @Test
    void everyGeneOfTheDemoDataIsFoundByItsOfficialSymbolWithGeneIdAndFullName() {
        String[] genes = demoGenes();
        assertTrue(genes.length > 100, "demo genes: " + genes.length);
        SummaryTableSource table = SummaryTableSource.load(TABLE);
        assertEquals(genes.length, table.size(), "the table holds exactly the demo genes");
        LookupResult r = new GeneDescriptionLookup(Organism.HUMAN, List.of(table), Fallback.SKIP, null)
            .lookup(Arrays.asList(genes), CancellationToken.NONE, ProgressListener.NONE);
        assertEquals(genes.length, r.genes().size());
        int described = 0;
        for (GeneDescription g : r.genes()) {
            assertEquals(LookupStatus.FOUND, g.status(), g.query());
            assertEquals(g.query(), g.symbol());
            assertNotNull(g.geneId(), g.query());
            assertTrue(g.geneId().matches("[1-9][0-9]*"), g.query() + " GeneID " + g.geneId());
            assertNotNull(g.fullName(), g.query());
            if (g.source() == DescriptionSource.FILE) {
                described++;
                assertTrue(g.text().length() >= 20 && g.text().endsWith("."), g.query() + ": " + g.text());
            }
        }
        assertTrue(described >= genes.length * 95 / 100, "described " + described + " of " + genes.length);
    }

    @Test
    void oldSymbolsOfDemoGenesResolveAsAliases() {
        LookupResult r = new GeneDescriptionLookup(Organism.HUMAN, List.of(SummaryTableSource.load(TABLE)),
            Fallback.SKIP, null).lookup(List.of("H3F3B", "SEPT7", "MTCO1"), CancellationToken.NONE,
            ProgressListener.NONE);
        assertEquals(List.of("H3-3B", "SEPTIN7", "MT-CO1"), r.genes().stream().map(GeneDescription::symbol).toList());
        r.genes().forEach(g -> assertEquals(LookupStatus.ALIAS, g.status(), g.query()));
    }

    /** The identity columns are facts of NCBI's gene_info; they must agree with it field by field. */
    @Test
    void geneIdsAndFullNamesAgreeWithNcbiGeneInfo() throws IOException {
        Path geneInfo = TestData.file("gene_summaries/Homo_sapiens.gene_info.gz");
        Map<String, String[]> table = new HashMap<>();
        try (BufferedReader in = Files.newBufferedReader(TABLE)) {
            in.readLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.split("\t", -1);
                table.put(f[1], f);
            }
        }
        List<String> mismatches = new ArrayList<>();
        try (BufferedReader in = TestData.reader(geneInfo)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.split("\t", -1);
                String[] row = table.remove(f[1]);
                if (row != null && !(f[0].equals("9606") && (row[0].equals(f[2]) || row[0].equals(f[10]))
                    && row[2].equals(f[11]))) {
                    mismatches.add(row[0] + " (GeneID " + row[1] + "): table '" + row[2] + "', gene_info '" + f[2]
                        + "' / '" + f[11] + "'");
                }
            }
        }
        assertEquals(List.of(), mismatches);
        assertEquals(Map.of(), table, "GeneIDs of the table missing from gene_info");
    }
}

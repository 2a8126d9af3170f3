package io.github.scllm.core.genes;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.scllm.core.InvalidInputException;

class GeneInfoSourceTest {

    @Test
    void isGeneInfoTellsGeneInfoFilesFromSummaryTablesPlainOrGzipped(@TempDir Path dir) throws Exception {
        String info = "#tax_id\tGeneID\tSymbol\tLocusTag\tSynonyms\tdbXrefs\tchromosome\tmap_location\tdescription\n"
            + "9606\t4069\tLYZ\t-\tLZM\t-\t12\t-\tlysozyme\n";
        Path plain = Files.writeString(dir.resolve("x.gene_info"), info);
        Path gz = dir.resolve("x.gene_info.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(info.getBytes(StandardCharsets.UTF_8));
        }
        // a summary table whose columns would also fit a gene_info reader's symbol and description lookup
        Path table = Files.writeString(dir.resolve("s.tsv"), "Symbol\tdescription\nLYZ\tlysozyme\n");
        Path empty = Files.writeString(dir.resolve("empty.tsv"), "");
        assertTrue(GeneInfoSource.isGeneInfo(plain));
        assertTrue(GeneInfoSource.isGeneInfo(gz));
        assertFalse(GeneInfoSource.isGeneInfo(table));
        assertFalse(GeneInfoSource.isGeneInfo(empty));
        InvalidInputException e = assertThrows(InvalidInputException.class,
            () -> GeneInfoSource.isGeneInfo(dir.resolve("missing.gz")));
        assertTrue(e.getMessage().contains("missing.gz"), e.getMessage());
    }
}

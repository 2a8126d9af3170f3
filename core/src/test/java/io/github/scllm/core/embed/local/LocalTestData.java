package io.github.scllm.core.embed.local;

import io.github.scllm.core.SharedTestData;


import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** The shared public test data, reached through the system property {@code scllm.testdata} only. */
final class LocalTestData {

    static final String HUMAN_SUMMARIES = "gene_summaries/refseq_gene_summary_human.tsv.gz";

    private LocalTestData() {
    }

    /** @return the file, skipping the test when the property is unset and failing when the file is missing */
    static Path file(String relative) {
        return SharedTestData.file(relative);
    }

    /** Gene symbol → RefSeq summary text of the human summary table, in file order. */
    static Map<String, String> humanSummaries() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (InputStream raw = Files.newInputStream(file(HUMAN_SUMMARIES));
             BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw, 1 << 16),
                     StandardCharsets.UTF_8))) {
            String[] header = r.readLine().split("\t", -1);
            int symbol = indexOf(header, "Symbol");
            int summary = indexOf(header, "Gene_summary");
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] f = line.split("\t", -1);
                if (f.length > summary && !f[summary].isBlank()) {
                    out.putIfAbsent(f[symbol], f[summary]);
                }
            }
        }
        return out;
    }

    private static int indexOf(String[] header, String name) {
        for (int i = 0; i < header.length; i++) {
            if (header[i].equals(name)) {
                return i;
            }
        }
        throw new AssertionError("column " + name + " missing from " + HUMAN_SUMMARIES);
    }
}

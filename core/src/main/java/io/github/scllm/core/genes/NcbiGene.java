package io.github.scllm.core.genes;

import java.util.List;

/**
 * One gene record of an NCBI esummary answer (db=gene, version 2.0 JSON).
 *
 * @param uid the Gene ID
 * @param symbol official symbol ({@code name})
 * @param description official full name
 * @param summary RefSeq summary text, or empty
 * @param status 0 live, 1 replaced (see currentId), 2 discontinued
 * @param currentId the Gene ID that replaced this one, or null
 * @param aliases other aliases
 * @param taxon the organism's taxonomy ID, or 0 when absent
 * @param error NCBI's error text for an unknown ID, or null
 */
public record NcbiGene(String uid, String symbol, String description, String summary, int status, String currentId,
    List<String> aliases, int taxon, String error) {
}

package io.github.scllm.core.genes;

import java.util.List;

/** Named gene-exclusion patterns (regular expressions matched against the start of a gene symbol). */
public enum ExclusionPreset {
    /** Mitochondrially encoded genes: mouse {@code mt-}, human {@code MT-}. */
    MITOCHONDRIAL(List.of("^mt-", "^MT-")),
    /** Ribosomal protein genes: mouse {@code Rps/Rpl}, human {@code RPS/RPL}. */
    RIBOSOMAL(List.of("^Rp[sl]", "^RP[SL]"));

    private final List<String> patterns;

    ExclusionPreset(List<String> patterns) {
        this.patterns = patterns;
    }

    /** @return the regular expressions of this preset */
    public List<String> patterns() {
        return patterns;
    }
}

package io.github.scllm.core.genes;

/** How a gene symbol was identified. */
public enum LookupStatus {
    /** The symbol is the gene's official symbol. */
    FOUND,
    /** The symbol is a synonym (alias) of exactly one gene; the record carries the official symbol. */
    ALIAS,
    /** The gene record found was replaced by a newer one (NCBI status "replaced"); the record describes the newer. */
    REPLACED,
    /** The symbol names several genes (as official symbol or alias); none was chosen. */
    AMBIGUOUS,
    /** No source knows the symbol. */
    NOT_FOUND
}

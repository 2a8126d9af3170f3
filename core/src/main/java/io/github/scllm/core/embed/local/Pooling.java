package io.github.scllm.core.embed.local;

/** How token vectors become one text vector. */
public enum Pooling {
    /** Mean over the tokens the attention mask keeps (sentence-transformers models). */
    MEAN,
    /** The [CLS] token's vector (raw BioBERT/SciBERT checkpoints, BGE). */
    CLS
}

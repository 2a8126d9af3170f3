package io.github.scllm.core.io;

/** What to do with negative or non-finite (NaN, infinite) expression values. */
public enum InvalidValuePolicy {
    /** Fail with an error that names the file, cell and gene. */
    REJECT,
    /** Keep the values and count them in {@link ReadReport#invalidValues()}. */
    WARN
}

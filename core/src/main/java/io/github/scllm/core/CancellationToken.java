package io.github.scllm.core;

/** Polled by long loops; a KNIME node adapts its execution monitor to it, the command line never cancels. */
@FunctionalInterface
public interface CancellationToken {
    CancellationToken NONE = () -> false;

    boolean isCancelled();

    /** @throws CancelledException if cancellation was requested */
    default void check() {
        if (isCancelled()) {
            throw new CancelledException();
        }
    }
}

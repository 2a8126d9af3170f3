package io.github.scllm.core;

/** Receives the fraction done in [0, 1] and a short message for the user. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (fraction, message) -> { };

    void progress(double fraction, String message);
}
